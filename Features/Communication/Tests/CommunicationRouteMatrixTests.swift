import Communication
import KrachtCore
import KrachtTesting
import XCTest

/// Every route of the newsletter, mailings, stories and campaigns declares who may use it;
/// coordinator routes refuse everyone else.
final class CommunicationRouteMatrixTests: XCTestCase {
    func testEveryRouteDeclaresItsAccess() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            try await assertEveryRouteDeclaresItsAccess(app)
        }
    }
}
