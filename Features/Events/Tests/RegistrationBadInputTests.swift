import Events
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// Refused registrations: a clear, translated message, status 400, and nothing changed.
final class RegistrationBadInputTests: XCTestCase {
    func testBadGuestsAndMissingHouseRulesChangeNothing() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: three places and house rules; one registration already in
            let event = try await EventFixture.event(app, capacity: 3, houseRules: "Iedereen is welkom. Geen racisme.")
            let accepted = ["house_rules": "1"]
            let first = try await RegistrationJourney.register(Browser(app), event, name: "Anna", email: "anna@example.nl", extra: accepted)
            XCTAssertEqual(first.status, .seeOther)
            let before = try await RegistrationJourney.count(app)

            let cases: [(guests: String, extra: [String: String], email: String, message: String)] = [
                ("-1", accepted, "b@example.nl", "Het aantal mensen dat je meeneemt kan niet onder 0 zijn"),
                ("twee", accepted, "b@example.nl", "Vul een getal in"),
                ("11", accepted, "b@example.nl", "Je kunt hooguit 10 mensen meenemen"),
                ("5", accepted, "b@example.nl", "Meer gasten dan plekken: er zijn in totaal 3 plekken"),
                ("0", [:], "b@example.nl", "Zet een vinkje als je je aan de huisregels houdt"),
                ("0", accepted, "geen-adres", "Vul een geldig e-mailadres in"),
                ("0", accepted.merging(["dietary": String(repeating: "x", count: 501)]) { $1 }, "b@example.nl", "500"),
            ]
            for bad in cases {
                // MUT
                let response = try await RegistrationJourney.register(
                    Browser(app), event, name: "Bea", email: bad.email, guests: bad.guests, extra: bad.extra)

                // validation
                XCTAssertEqual(response.status, .badRequest, bad.message)
                XCTAssertTrue(response.body.string.contains(bad.message), "\(bad.message): \(response.body.string.prefix(200))")
                XCTAssertTrue(response.body.string.contains("<title>Fout:"), bad.message)
            }
            // nothing was written (the same address twice: `RegisterTests`)
            let after = try await RegistrationJourney.count(app)
            XCTAssertEqual(after, before)
            let counted = try await RegistrationJourney.reload(app, event)
            XCTAssertEqual(counted.placesTaken, 1)
            XCTAssertEqual(counted.nextPosition, 2)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAfterTheDeadlineRegisteringSaysWhenItClosed() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: registration closed yesterday, the event is tomorrow
            let event = try await EventFixture.event(app, startsIn: 86_400)
            event.registrationDeadline = app.clock.now().addingTimeInterval(-86_400)
            try await event.save(on: app.db)

            // MUT
            let response = try await RegistrationJourney.register(Browser(app), event, name: "Laat", email: "laat@example.nl")

            // validation
            XCTAssertEqual(response.status, .badRequest)
            XCTAssertTrue(response.body.string.contains("Aanmelden is gesloten. Dat kon tot "))
            let when = AmsterdamTime.format(event.registrationDeadline, "d MMMM yyyy, HH:mm", in: .nl)
            XCTAssertTrue(response.body.string.contains(when), when + response.body.string)
            let count = try await RegistrationJourney.count(app)
            XCTAssertEqual(count, 0)
        }
    }

    func testACancelledOrFinishedEventTakesNoRegistrations() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let cancelled = try await EventFixture.event(app, slug: "afgelast")
            cancelled.status = .cancelled
            try await cancelled.save(on: app.db)
            let over = try await EventFixture.event(app, slug: "geweest", startsIn: -5 * 3600)

            // MUT
            let first = try await RegistrationJourney.register(Browser(app), cancelled, name: "Een", email: "een@example.nl")
            let second = try await RegistrationJourney.register(Browser(app), over, name: "Een", email: "een@example.nl")

            // validation
            XCTAssertEqual(first.status, .badRequest)
            XCTAssertTrue(first.body.string.contains("Dit evenement gaat niet door"))
            XCTAssertEqual(second.status, .badRequest)
            XCTAssertTrue(second.body.string.contains("Dit evenement is voorbij"))
            let count = try await RegistrationJourney.count(app)
            XCTAssertEqual(count, 0)
        }
    }
}
