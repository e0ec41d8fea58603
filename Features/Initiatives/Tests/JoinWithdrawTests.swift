import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// An organiser cannot give an action fewer places than people already in; a participant who
/// withdraws frees their place (and stays counted as connected: they were).
final class JoinWithdrawTests: XCTestCase {
    func testWithdrawingFreesThePlaceAndPlacesStayAtLeastTheAccepted() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(email: "olga@example.nl")
            let ayse = try await app.makeUser(email: "ayse@example.nl")
            let bram = try await app.makeUser(email: "bram@example.nl")
            let initiative = try await ActionFixture.initiative(app, slug: "repair-cafe", organiser: organiser)
            let action = try await ActionFixture.action(app, of: initiative, title: "Lampen maken", places: 2)
            try await ActionFixture.joinAndAccept(app, ayse, action, by: organiser)
            try await ActionFixture.joinAndAccept(app, bram, action, by: organiser)
            let slug = Parameter<String>.value(initiative.slug)
            let editPath = InitiativesPath.editAction(slug, action: .value(action.id!)).path
            let form = [
                "title": "Lampen maken", "description": "Kapotte lampen repareren.", "kind": "role", "minutes": "60", "online": "1",
                "places": "1",
            ]
            let olga = Browser(app)
            try await olga.logIn("olga@example.nl")

            // MUT: one place while two are in
            let refused = try await olga.post(editPath, form)

            // validation
            XCTAssertEqual(refused.status, .badRequest)
            XCTAssertTrue(refused.body.string.contains("Er doen al 2 mensen mee."), refused.body.string)

            // MUT: one withdraws, then one place is fine
            let browser = Browser(app)
            try await browser.logIn("bram@example.nl")
            let withdrawn = try await browser.post(InitiativesPath.withdraw(slug, action: .value(action.id!)).path)
            try await browser.post(InitiativesPath.withdraw(slug, action: .value(action.id!)).path)
            let saved = try await olga.post(editPath, form)

            // validation
            XCTAssertEqual(withdrawn.status, .seeOther)
            XCTAssertEqual(saved.status, .seeOther)
            let after = try await InitiativeAction.find(action.id, on: app.db)
            XCTAssertEqual(after?.acceptedCount, 1)
            XCTAssertEqual(after?.places, 1)
            let state = try await Participation.query(on: app.db).filter(\.$userID == bram.id!).first()?.state
            XCTAssertEqual(state, .withdrawn)
            let connected = try await InitiativeTotals.current(on: app.db).peopleConnected
            XCTAssertEqual(connected, 2)
            let problems = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
