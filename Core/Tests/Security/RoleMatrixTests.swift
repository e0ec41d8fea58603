import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Walks every registered route: each declares who may use it, and each protected one
/// refuses an anonymous visitor and a person without the role.
final class RoleMatrixTests: XCTestCase {
    func testEveryRouteDeclaresItsAccessAndProtectedRoutesRefuse() async throws {
        try await withApp { app in
            // setup
            _ = try await app.makeUser(email: "bewoner@example.nl")
            let routes = app.routes.all
            XCTAssertGreaterThan(routes.count, 20)
            let undeclared = routes.filter { $0.access == nil }.map { "\($0.method) /\($0.path.string)" }
            XCTAssertEqual(undeclared, [], "routes without a declared access")

            for route in routes {
                guard let access = route.access, access != .anyone else { continue }
                let path =
                    "/"
                    + route.path.map { component -> String in
                        switch component {
                        case .constant(let value): value
                        default: "x"
                        }
                    }.joined(separator: "/")

                // MUT + validation: anonymous
                let anonymous = Browser(app)
                let refused = route.method == .GET ? try await anonymous.get(path) : try await anonymous.post(path)
                XCTAssertTrue(
                    [.seeOther, .unauthorized].contains(refused.status),
                    "\(route.method) \(path) let an anonymous visitor in: \(refused.status)")
                if refused.status == .seeOther { XCTAssertTrue(refused.location?.hasPrefix(CorePath.logIn().path) ?? false) }

                // a signed-in resident without the role
                guard case .role(let role) = access else { continue }
                let resident = Browser(app)
                try await resident.logIn("bewoner@example.nl")
                let forbidden = route.method == .GET ? try await resident.get(path) : try await resident.post(path)
                XCTAssertEqual(forbidden.status, .forbidden, "\(route.method) \(path) let a resident in without role \(role)")
            }
        }
    }
}
