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

    func testDeletingTheAccountAnonymisesTheRegistrationsAndTheCountsStay() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let user = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            let other = try await app.makeUser(name: "Jan de Vries", email: "jan@example.nl")
            let event = try await EventFixture.event(app, capacity: 3)
            let mine = try await BenefitFixture.registration(app, for: event, guests: 1, status: .confirmed, user: user, dietary: "halal")
            // Registered without an account first, under the same address.
            let second = try await EventFixture.event(app, slug: "buurtgesprek-oost", district: "oost")
            let anonymous = try await BenefitFixture.registration(app, for: second, status: .confirmed)
            let theirs = try await BenefitFixture.registration(
                app, for: event, name: "Jan de Vries", email: "jan@example.nl", status: .confirmed, user: other)
            let key = EventFeedKey()
            key.userID = try user.requireID()
            key.salt = "zout"
            key.createdAt = app.clock.now()
            try await key.create(on: app.db)

            // MUT
            let outcome = try await AccountData(app: app).delete(user, password: "correct horse battery")

            // validation
            guard case .deleted = outcome else { return XCTFail("not deleted: \(outcome)") }
            for id in [mine.id, anonymous.id] {
                let erased = try await EventRegistration.find(id, on: app.db)!
                XCTAssertEqual(erased.name, "—")
                XCTAssertEqual(erased.email, "")
                XCTAssertEqual(erased.emailKey, "erased:" + id!.uuidString.lowercased())
                XCTAssertNil(erased.userID)
                XCTAssertNil(erased.dietary)
                XCTAssertEqual(erased.status, .confirmed, "the place still counts")
            }
            let kept = try await EventRegistration.find(theirs.id, on: app.db)!
            XCTAssertEqual(kept.name, "Jan de Vries", "someone else's registration is theirs")
            let reloaded = try await Event.find(event.id, on: app.db)!
            XCTAssertEqual(reloaded.placesTaken, 3)
            let feedKeys = try await EventFeedKey.query(on: app.db).count()
            XCTAssertEqual(feedKeys, 0)
            let eventProblems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(eventProblems, [])
        }
    }
}
