import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Events

/// A person's registrations are in their account export; deleting the account anonymises them
/// and every event's counts stay as they were.
final class EventsPersonalDataTests: XCTestCase {
    func testTheExportContainsTheRegistration() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let user = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            let event = try await EventFixture.event(app, title: "Buurtgesprek West")
            try await BenefitFixture.registration(app, for: event, guests: 2, status: .confirmed, user: user, dietary: "vegetarisch")

            // MUT
            let export = try await AccountData(app: app).export(of: user)

            // validation
            guard case .object(let document) = export, case .object(let events)? = document["events"],
                case .array(let registrations)? = events["registrations"], case .object(let first)? = registrations.first
            else { return XCTFail("no events part in the export: \(export)") }
            XCTAssertEqual(registrations.count, 1)
            XCTAssertEqual(first["event"], .string("Buurtgesprek West"))
            XCTAssertEqual(first["status"], .string("confirmed"))
            XCTAssertEqual(first["guests"], .int(2))
            XCTAssertEqual(first["dietary"], .string("vegetarisch"))
            XCTAssertEqual(first["paid_cents"], .int(0))
            XCTAssertEqual(first["checked_in_at"], .null)
            XCTAssertNotNil(first["starts_at"].flatMap { if case .string = $0 { $0 } else { nil } })
        }
    }

    func testDeletingTheAccountFreesItsComingPlacesAndAnonymisesEveryRegistration() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: Fatima holds two of three places at a coming event, Jan the third, Wacht waits;
            // she is on another event's waitlist under her address; she came to an event last week
            let user = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            let other = try await app.makeUser(name: "Jan de Vries", email: "jan@example.nl")
            let event = try await EventFixture.event(app, capacity: 3)
            let mine = try await BenefitFixture.registration(app, for: event, guests: 1, status: .confirmed, user: user, dietary: "halal")
            let theirs = try await BenefitFixture.registration(
                app, for: event, name: "Jan de Vries", email: "jan@example.nl", status: .confirmed, user: other)
            let waiting = try await BenefitFixture.registration(
                app, for: event, name: "Wacht", email: "wacht@example.nl", status: .waitlisted)
            let full = try await EventFixture.event(app, slug: "buurtgesprek-oost", capacity: 1, district: "oost")
            _ = try await BenefitFixture.registration(app, for: full, name: "Kees", email: "kees@example.nl", status: .confirmed)
            let inLine = try await BenefitFixture.registration(app, for: full, status: .waitlisted)
            let past = try await EventFixture.event(app, slug: "terugblik", startsIn: -7 * 86_400, district: "noord")
            let came = try await BenefitFixture.registration(app, for: past, status: .confirmed, user: user)
            came.checkedInAt = past.startsAt
            try await came.save(on: app.db)
            past.attended = 1
            try await past.save(on: app.db)
            let key = EventFeedKey()
            key.userID = try user.requireID()
            key.salt = "zout"
            key.createdAt = app.clock.now()
            try await key.create(on: app.db)

            // MUT
            let outcome = try await AccountData(app: app).delete(user, password: "correct horse battery")

            // validation: her coming places and place in line are given up, the next in line offered
            guard case .deleted = outcome else { return XCTFail("not deleted: \(outcome)") }
            for (id, status) in [(mine.id, EventRegistration.Status.cancelled), (inLine.id, .cancelled), (came.id, .confirmed)] {
                let erased = try await EventRegistration.find(id, on: app.db)!
                XCTAssertEqual(erased.name, "—")
                XCTAssertEqual(erased.email, "")
                XCTAssertEqual(erased.emailKey, "erased:" + id!.uuidString.lowercased())
                XCTAssertNil(erased.userID)
                XCTAssertNil(erased.dietary)
                XCTAssertEqual(erased.status, status)
            }
            let stillThere = try await EventRegistration.find(came.id, on: app.db)!
            XCTAssertNotNil(stillThere.checkedInAt, "the past event's attendance stays")
            let kept = try await EventRegistration.find(theirs.id, on: app.db)!
            XCTAssertEqual(kept.name, "Jan de Vries", "someone else's registration is theirs")
            let offered = try await EventRegistration.find(waiting.id, on: app.db)!
            XCTAssertEqual(offered.status, .offered)
            let subjects = try await RegistrationJourney.subjects(app, to: "wacht@example.nl")
            XCTAssertEqual(subjects.last, "Er is een plek voor je: Buurtgesprek West")
            let reloaded = try await Event.find(event.id, on: app.db)!
            XCTAssertEqual(reloaded.placesTaken, 2)
            XCTAssertEqual(reloaded.waitlisted, 0)
            let line = try await Event.find(full.id, on: app.db)!
            XCTAssertEqual(line.waitlisted, 0)
            let attended = try await Event.find(past.id, on: app.db)!
            XCTAssertEqual(attended.attended, 1)
            let feedKeys = try await EventFeedKey.query(on: app.db).count()
            XCTAssertEqual(feedKeys, 0)
            let eventProblems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(eventProblems, [])
        }
    }
}
