import KrachtTesting
import Manifesto
import XCTest

/// Every manifesto route declares who may use it; the coordinators' pages refuse everyone else.
final class ManifestoRouteMatrixTests: XCTestCase {
    func testEveryManifestoRouteDeclaresItsAccessAndCoordinatorRoutesRefuseOthers() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            try await assertEveryRouteDeclaresItsAccess(app)
        }
    }
}
