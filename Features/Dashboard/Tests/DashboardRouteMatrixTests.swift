import Dashboard
import KrachtCore
import KrachtTesting
import XCTest

/// Every route of the dashboard declares who may use it; coordinator routes refuse everyone else.
final class DashboardRouteMatrixTests: XCTestCase {
    func testEveryRouteDeclaresItsAccess() async throws {
        try await withApp(features: DashboardFixture.features) { app in
            try await assertEveryRouteDeclaresItsAccess(app)
        }
    }
}
