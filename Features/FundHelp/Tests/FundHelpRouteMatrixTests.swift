import Fund
import FundHelp
import KrachtTesting
import XCTest

/// Every route of the fund's help declares who may use it; the committee's, the treasurer's and
/// the referrer's refuse everyone else — a resident and a person holding every other role.
final class FundHelpRouteMatrixTests: XCTestCase {
    func testEveryRouteDeclaresItsAccessAndRefusesOthers() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            try await assertEveryRouteDeclaresItsAccess(app)
        }
    }
}
