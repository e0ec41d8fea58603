import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Events

/// Walk-ins count in the public indicators, so they are bounded: only from two hours before the
/// start until a day after the end, and at most the capacity plus half (at least 20) in all.
final class WalkInLimitTests: XCTestCase {
    func testWalkInsOnlyAroundTheEvent() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: a two-hour meetup that starts in three hours
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let event = try await EventFixture.event(app, startsIn: 3 * 3600, organiser: organiser)
            let door = Browser(app)
            try await door.logIn("organisator@example.nl")
            let path = EventsPath.walkIn(.value(event.slug)).path
            let list = EventsPath.attendees(.value(event.slug)).path
            func add(_ name: String) async throws -> WalkIn.Outcome {
                try await WalkIn(app: app).run(
                    .init(name: name, guests: "0", formID: nil), at: try event.requireID(), by: organiser, language: .nl)
            }

            // MUT: too early, by the form and directly
            let early = try await door.post(path, ["name": "Vroeg", "guests": "0"])
            let earlyPage = try await door.get(list).body.string
            let earlyOutcome = try await add("Vroeg")

            // validation
            XCTAssertEqual(early.status, .seeOther)
            XCTAssertEqual(early.location, list)
            XCTAssertTrue(earlyPage.contains("Mensen zonder aanmelding voeg je toe vanaf 2 uur voor de start."))
            XCTAssertFalse(earlyPage.contains("id=\"walk-in-form\""), "no form to fill in before the door opens")
            XCTAssertEqual(earlyOutcome, .tooEarly)

            // MUT: two hours before the start the door opens; a day after the end it closes (the last second is in)
            app.clock.advance(by: 3600 + 1)
            let atOpening = try await add("Op tijd")
            app.clock.advance(by: 2 * 3600 + 2 * 3600 + 86_400 - 2)
            let lastMoment = try await add("Net op tijd")
            app.clock.advance(by: 2)
            let late = try await door.post(path, ["name": "Te laat", "guests": "0"])
            let latePage = try await door.get(list).body.string
            let lateOutcome = try await add("Te laat")

            // validation
            XCTAssertEqual(atOpening, .added(name: "Op tijd", party: 1))
            XCTAssertEqual(lastMoment, .added(name: "Net op tijd", party: 1))
            XCTAssertEqual(late.status, .seeOther)
            XCTAssertTrue(latePage.contains("Het evenement is meer dan een dag voorbij."))
            XCTAssertFalse(latePage.contains("id=\"walk-in-form\""))
            XCTAssertEqual(lateOutcome, .closed)
            let walkIns = try await EventRegistration.query(on: app.db).filter(\.$walkIn == true).all()
            XCTAssertEqual(Set(walkIns.map(\.name)), ["Op tijd", "Net op tijd"])
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "events.walk_in").count()
            XCTAssertEqual(audited, 2)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testWalkInsStopAtTheCapacityAndAMargin() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: room for 2, so 2 + 20 may come in at the door; 20 are in already
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let event = try await EventFixture.event(app, capacity: 2, startsIn: 1800, organiser: organiser)
            XCTAssertEqual(WalkIn.limit(of: event), 22)
            let big = try await EventFixture.event(app, slug: "groot", capacity: 100, startsIn: 1800, organiser: organiser)
            XCTAssertEqual(WalkIn.limit(of: big), 150, "half the capacity when that is more than 20")
            for name in ["Groep 1", "Groep 2"] {
                let outcome = try await WalkIn(app: app).run(
                    .init(name: name, guests: "9", formID: nil), at: try event.requireID(), by: organiser, language: .nl)
                XCTAssertEqual(outcome, .added(name: name, party: 10))
            }
            let door = Browser(app)
            try await door.logIn("organisator@example.nl")
            let path = EventsPath.walkIn(.value(event.slug)).path

            // MUT: a party of three when two fit; then two; then one more
            let tooBig = try await door.post(path, ["name": "Drie", "guests": "2"])
            let fits = try await door.post(path, ["name": "Twee", "guests": "1"])
            let full = try await door.post(path, ["name": "Nog een", "guests": "0"])

            // validation
            XCTAssertEqual(tooBig.status, .badRequest)
            XCTAssertTrue(tooBig.body.string.contains("Er kunnen nog 2 mensen zonder aanmelding bij (in totaal maximaal 22)."))
            XCTAssertTrue(tooBig.body.string.contains("value=\"Drie\""), "the form keeps what was typed")
            XCTAssertEqual(fits.status, .seeOther)
            XCTAssertEqual(full.status, .badRequest)
            XCTAssertTrue(full.body.string.contains("het maximum van 22 mensen is bereikt"))
            let reloaded = try await Event.find(event.id, on: app.db)
            XCTAssertEqual(reloaded?.attended, 22)
            let people = try await WalkIn.people(at: try event.requireID(), on: app.db)
            XCTAssertEqual(people, 22)
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "events.walk_in").count()
            XCTAssertEqual(audited, 3, "only the walk-ins that were added")
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
