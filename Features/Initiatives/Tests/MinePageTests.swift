import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// My page shows the initiatives I run, whatever their state, with the asks waiting for me, and
/// the actions I asked to join with their state.
final class MinePageTests: XCTestCase {
    func testMyPageShowsMyInitiativesWithWaitingAsksAndMyActions() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(email: "olga@example.nl")
            let resident = try await app.makeUser(email: "rachid@example.nl")
            let open = try await ActionFixture.initiative(app, slug: "buurtkeuken", organiser: organiser)
            _ = try await ActionFixture.initiative(app, slug: "nog-in-beoordeling", organiser: organiser, status: .pending)
            let action = try await ActionFixture.action(app, of: open, title: "Soep koken")
            _ = try await JoinActionProbe.join(app, action, resident)
            let olga = Browser(app)
            try await olga.logIn("olga@example.nl")
            let rachid = Browser(app)
            try await rachid.logIn("rachid@example.nl")

            // MUT
            let organisers = try await olga.get(InitiativesPath.mine.path)
            let residents = try await rachid.get(InitiativesPath.mine.path)
            let anonymous = try await Browser(app).get(InitiativesPath.mine.path)

            // validation
            XCTAssertEqual(organisers.status, .ok)
            XCTAssertTrue(organisers.body.string.contains("Initiatief buurtkeuken"))
            XCTAssertTrue(organisers.body.string.contains("Initiatief nog-in-beoordeling"))
            XCTAssertTrue(organisers.body.string.contains("Wacht op goedkeuring"))
            XCTAssertTrue(organisers.body.string.contains("1 aanmelding wacht op jou"))
            XCTAssertTrue(residents.body.string.contains("Soep koken"))
            XCTAssertTrue(residents.body.string.contains("gevraagd, wacht op de organisator"))
            XCTAssertEqual(anonymous.status, .seeOther)
        }
    }
}
