import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// Every route of initiatives declares who may use it (coordinators' pages refuse a resident and a
/// person holding every other role); and the routes whose right comes from being an organiser of
/// THAT initiative refuse a signed-in resident who is not one. Each helper adds its rows to
/// `organiserOnly` (the path is built from the fixture's initiative and open action).
final class InitiativesRouteMatrixTests: XCTestCase {
    func testEveryRouteDeclaresItsAccessAndRefusesOthers() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            try await assertEveryRouteDeclaresItsAccess(app)
        }
    }

    /// One row per route an organiser of that initiative (or a coordinator) may use.
    struct Row: Sendable {
        let method: HTTPMethod
        let path: @Sendable (MatrixFixture) -> InitiativesPath
    }

    static let organiserOnly: [Row] = [
        // initiatives helper: edit and co-organisers
        Row(method: .GET, path: { .edit(.value($0.slug)) }),
        Row(method: .POST, path: { .edit(.value($0.slug)) }),
        Row(method: .GET, path: { .organisers(.value($0.slug)) }),
        Row(method: .POST, path: { .organisers(.value($0.slug)) }),
        Row(method: .POST, path: { .removeOrganiser(.value($0.slug), user: .value($0.organiserID)) }),
        // actions helper: add rows below
        Row(method: .GET, path: { .newAction(.value($0.slug)) }),
        Row(method: .POST, path: { .newAction(.value($0.slug)) }),
        Row(method: .GET, path: { .editAction(.value($0.slug), action: .value($0.actionID)) }),
        Row(method: .POST, path: { .editAction(.value($0.slug), action: .value($0.actionID)) }),
        Row(method: .POST, path: { .closeAction(.value($0.slug), action: .value($0.actionID)) }),
        Row(method: .POST, path: { .decideParticipation(.value($0.slug), action: .value($0.actionID), participation: .value(UUID())) }),
        // value helper: hours (an organiser, or an accepted participant for their own; the fixture has none)
        Row(method: .GET, path: { .hours(.value($0.slug), action: .value($0.actionID)) }),
        Row(method: .POST, path: { .hours(.value($0.slug), action: .value($0.actionID)) }),
        Row(method: .POST, path: { .decideHours(.value($0.slug), action: .value($0.actionID), hours: .value(UUID())) }),
    ]

    func testOrganiserRoutesRefuseAResidentWhoIsNotAnOrganiser() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let fixture = try await MatrixFixture.make(app)
            _ = try await app.makeUser(email: "matrix-buitenstaander@example.nl")
            let outsider = Browser(app)
            try await outsider.logIn("matrix-buitenstaander@example.nl")

            for row in Self.organiserOnly {
                let path = row.path(fixture).path
                // MUT
                let anonymous = Browser(app)
                let refusedAnonymous = row.method == .GET ? try await anonymous.get(path) : try await anonymous.post(path)
                let refused = row.method == .GET ? try await outsider.get(path) : try await outsider.post(path)

                // validation
                XCTAssertTrue(
                    [.seeOther, .unauthorized].contains(refusedAnonymous.status), "\(row.method) \(path) let an anonymous visitor in")
                XCTAssertTrue(
                    [.forbidden, .notFound].contains(refused.status), "\(row.method) \(path) let a non-organiser in: \(refused.status)")
            }
            let organisers = try await InitiativeOrganiser.query(on: app.db).count()
            XCTAssertEqual(organisers, 1, "a refused post changed the organisers")
        }
    }
}

/// An approved initiative with one organiser and one open action.
struct MatrixFixture: Sendable {
    let slug: String
    let initiativeID: UUID
    let organiserID: UUID
    let actionID: UUID

    static func make(_ app: Application) async throws -> MatrixFixture {
        let organiser = try await app.makeUser(email: "matrix-organisator@example.nl")
        let initiative = try await ActionFixture.initiative(app, slug: "matrix-initiatief", organiser: organiser, name: "Matrix-initiatief")
        let action = try await ActionFixture.action(app, of: initiative, title: "Matrix-actie", by: organiser)
        return MatrixFixture(
            slug: initiative.slug, initiativeID: try initiative.requireID(), organiserID: try organiser.requireID(),
            actionID: try action.requireID())
    }
}
