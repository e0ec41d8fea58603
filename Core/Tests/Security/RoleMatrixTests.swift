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
            XCTAssertGreaterThan(app.routes.all.count, 20)
            try await assertEveryRouteDeclaresItsAccess(app)
        }
    }

    /// Issue #8, item 10: an admin holds a coordinator's and an initiator's rights (and so no longer
    /// meets "no access" on a coordinator's page), but not the treasurer's or the fund committee's:
    /// the fund's money and applicants' data are for those chosen for them. The header shows each
    /// person exactly the staff pages they may open.
    func testAnAdminHoldsCoordinatorAndInitiatorRightsButNotTheFundsAndTheHeaderFollows() async throws {
        try await withApp(features: [StaffPagesFeature()]) { app in
            // setup
            _ = try await app.makeUser(email: "beheer@example.nl", roles: [.admin])
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            _ = try await app.makeUser(email: "penningmeester@example.nl", roles: [.treasurer])
            _ = try await app.makeUser(email: "bewoner@example.nl")
            let staffRoles = Role.allCases.filter { $0 != .resident }

            for (email, mayOpen) in [
                ("beheer@example.nl", [.admin, .coordinator, .initiator]), ("coordinator@example.nl", [.coordinator]),
                ("penningmeester@example.nl", [.treasurer]), ("bewoner@example.nl", []),
            ] as [(String, [Role])] {
                let person = Browser(app)
                try await person.logIn(email)

                // MUT
                let header = try await person.get(CorePath.home.path).body.string
                for role in staffRoles {
                    let page = try await person.get(StaffPagesFeature.path(role))

                    // validation: access and navigation agree, role by role
                    XCTAssertEqual(page.status, mayOpen.contains(role) ? .ok : .forbidden, "\(email) on the \(role) page")
                    XCTAssertEqual(
                        header.contains("href=\"\(StaffPagesFeature.path(role))\""), mayOpen.contains(role),
                        "\(email): header link to the \(role) page")
                }
            }
        }
    }
}

/// A staff page and a header entry per role, to prove the rule for every role at once.
private struct StaffPagesFeature: Feature {
    var name: String { "staff-pages" }
    static func path(_ role: Role) -> String { "/test-staff/\(role.rawValue)" }

    func navigation() -> [NavigationEntry] {
        Role.allCases.filter { $0 != .resident }.map { NavigationEntry(textKey: $0.textKey, path: Self.path($0), role: $0) }
    }

    func routes(_ routes: any RoutesBuilder, app: Application) throws {
        for role in Role.allCases where role != .resident {
            routes.access(.role(role)).get("test-staff", PathComponent(stringLiteral: role.rawValue)) { _ in "ok" }
        }
    }
}
