import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// An organiser runs their initiative's actions; they do not sign up for them (and so cannot
/// accept themselves). A coordinator who does not organise it may join like anyone.
final class OrganiserJoinTests: XCTestCase {
    func testAnOrganiserGetsNoJoinButtonAndIsRefusedWithAReason() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let olga = try await app.makeUser(email: "olga@example.nl")
            let cora = try await app.makeUser(email: "cora@example.nl", roles: [.coordinator])
            let initiative = try await ActionFixture.initiative(app, slug: "buurtkeuken", organiser: olga)
            let action = try await ActionFixture.action(app, of: initiative, title: "Koken op dinsdag")
            let slug = Parameter<String>.value(initiative.slug)
            let page = InitiativesPath.action(slug, action: .value(action.id!)).path
            let join = InitiativesPath.join(slug, action: .value(action.id!)).path
            let organiser = Browser(app)
            try await organiser.logIn(olga.email)

            // MUT
            let seen = try await organiser.get(page).body.string
            let refused = try await organiser.post(join, ["message": "Ik doe zelf ook mee."])

            // validation
            XCTAssertFalse(seen.contains("id=\"join-form\""), "no join form for an organiser")
            XCTAssertTrue(seen.contains("Je hoeft je niet aan te melden voor je eigen actie."), "told why")
            XCTAssertEqual(refused.status, .conflict)
            XCTAssertTrue(refused.body.string.contains("Je organiseert dit initiatief."), refused.body.string)
            let asks = try await Participation.query(on: app.db).count()
            XCTAssertEqual(asks, 0)

            // MUT: a coordinator who does not organise it
            let coordinator = Browser(app)
            try await coordinator.logIn(cora.email)
            let offered = try await coordinator.get(page).body.string
            let asked = try await JoinActionProbe.join(app, action, cora)

            // validation
            XCTAssertTrue(offered.contains("id=\"join-form\""), "a coordinator may join")
            XCTAssertEqual(asked, "asked")
        }
    }
}
