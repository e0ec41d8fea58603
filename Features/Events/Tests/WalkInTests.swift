import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Events

/// Issue #12, item 5: someone comes to the door without a registration; the organiser adds them,
/// checked in at once, counted in the attendance (not in the places held) and in the indicator.
final class WalkInTests: XCTestCase {
    func testAWalkInIsCheckedInAndCountedOnce() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let event = try await EventFixture.event(app, capacity: 2, startsIn: 3600, organiser: organiser)
            _ = try await CheckInFixture.register(app, event, name: "Vol", email: "vol@example.nl", guests: 1)
            let door = Browser(app)
            try await door.logIn("organisator@example.nl")
            let formID = UUID().uuidString

            // MUT: a full event; she and two friends are at the door; the button is pressed twice
            let added = try await door.post(
                EventsPath.walkIn(.value(event.slug)).path, ["name": "Samira", "guests": "2", "form_id": formID])
            let twice = try await door.post(
                EventsPath.walkIn(.value(event.slug)).path, ["name": "Samira", "guests": "2", "form_id": formID])

            // validation
            XCTAssertEqual(added.status, .seeOther)
            XCTAssertEqual(added.location, EventsPath.attendees(.value(event.slug)).path)
            XCTAssertEqual(twice.status, .seeOther)
            let html = try await door.get(EventsPath.attendees(.value(event.slug)).path).body.string
            XCTAssertTrue(html.contains("Deze persoon was al toegevoegd."))
            XCTAssertTrue(html.contains("Samira"))
            XCTAssertTrue(html.contains("zonder aanmelding"))
            let walkIns = try await EventRegistration.query(on: app.db).filter(\.$walkIn == true).all()
            XCTAssertEqual(walkIns.count, 1)
            let samira = try XCTUnwrap(walkIns.first)
            XCTAssertEqual(samira.status, .confirmed)
            XCTAssertEqual(samira.email, "")
            XCTAssertEqual(samira.guests, 2)
            XCTAssertEqual(samira.position, 2)
            XCTAssertNotNil(samira.checkedInAt)
            XCTAssertEqual(samira.checkedInBy, organiser.id)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "events.walk_in").all()
            XCTAssertEqual(audit.map(\.subject), ["event_registration:\(try samira.requireID())"], "once, by the organiser")
            XCTAssertEqual(audit.first?.actorID, organiser.id)
            let reloaded = try await Event.find(event.id, on: app.db)
            let after = try XCTUnwrap(reloaded)
            XCTAssertEqual(after.attended, 3)
            XCTAssertEqual(after.placesTaken, 2, "not in the places held: they are at the door")
            XCTAssertEqual(after.nextPosition, 3)
            let attendees = try await EventIndicators.attendees(on: app.db)
            XCTAssertEqual(attendees, 3)
            let people = try await ReachedPeople.count(app) + EventIndicators.walkInsWithoutAddress(on: app.db)
            XCTAssertEqual(people, 1 + 3, "Vol by address, Samira's party of three")
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testBadInputGetsAClearMessageAndAddsNobody() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let event = try await EventFixture.event(app, startsIn: 3600, organiser: organiser)
            let door = Browser(app)
            try await door.logIn("organisator@example.nl")
            let path = EventsPath.walkIn(.value(event.slug)).path

            // MUT
            let empty = try await door.post(path, ["name": "  ", "guests": "-1"])
            let tooMany = try await door.post(path, ["name": String(repeating: "n", count: 101), "guests": "11"])
            let notANumber = try await door.post(path, ["name": "Kees\u{202E}", "guests": "twee"])

            // validation
            empty.assertFormErrors(
                title: "Deelnemers: Buurtgesprek West",
                links: [("walk-in-name", "Vul dit veld in"), ("walk-in-guests", "van 0 tot en met 10")])
            XCTAssertEqual(empty.status, .badRequest)
            XCTAssertEqual(tooMany.status, .badRequest)
            XCTAssertTrue(tooMany.body.string.contains("van 0 tot en met 10"))
            XCTAssertTrue(tooMany.body.string.contains("100"), "the name's limit")
            XCTAssertEqual(notANumber.status, .badRequest)
            let registrations = try await EventRegistration.query(on: app.db).count()
            XCTAssertEqual(registrations, 0)
            let attended = try await Event.find(event.id, on: app.db)?.attended
            XCTAssertEqual(attended, 0)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testNoWalkInsAtACancelledEvent() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let event = try await EventFixture.event(app, organiser: organiser)
            event.status = .cancelled
            try await event.save(on: app.db)

            // MUT
            let outcome = try await WalkIn(app: app).run(
                .init(name: "Laat", guests: "0", formID: nil), at: try event.requireID(), by: organiser, language: .nl)

            // validation
            XCTAssertEqual(outcome, .eventCancelled)
            let value7 = try await EventRegistration.query(on: app.db).count()
            XCTAssertEqual(value7, 0)
        }
    }
}
