import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Plans
import Vapor
import XCTest

/// Every route of plans declares who may use it (helpers add coordinator-only rows to their own
/// tests as their routes land).
final class PlansRouteMatrixTests: XCTestCase {
    func testEveryRouteDeclaresItsAccess() async throws {
        try await withApp(features: PlanFixture.features) { app in
            try await assertEveryRouteDeclaresItsAccess(app)
        }
    }
}
