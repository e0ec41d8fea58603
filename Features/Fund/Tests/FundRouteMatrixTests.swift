import Fund
import KrachtTesting
import XCTest

/// Every fund route declares who may use it; the treasurer's pages refuse everyone else.
final class FundRouteMatrixTests: XCTestCase {
    func testEveryFundRouteDeclaresItsAccessAndTheTreasurersRoutesRefuseOthers() async throws {
        try await withApp(features: [FundFeature()]) { app in
            try await assertEveryRouteDeclaresItsAccess(app)
        }
    }
}
