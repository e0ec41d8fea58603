import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Events

/// What registrants told an event is kept only as long as it serves: answers 30 days after the
/// event, lapsed anonymous registrations 30 days, everything 12 months after the event.
final class EventsRetentionTests: XCTestCase {
    func testAnswersGoAfterAMonthAndEveryRegistrationIsAnonymisedAfterAYear() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let event = try await EventFixture.event(app, capacity: 10, startsIn: 86_400)
            let came = try await BenefitFixture.registration(app, for: event, guests: 1, status: .confirmed, dietary: "vegetarisch")
            let cancelled = try await BenefitFixture.registration(
                app, for: event, name: "Jan de Vries", email: "jan@example.nl", status: .cancelled)
            let upcoming = try await EventFixture.event(app, slug: "buurtgesprek-later", startsIn: 500 * 86_400)
            let later = try await BenefitFixture.registration(
                app, for: upcoming, name: "Sanne Bakker", email: "sanne@example.nl", status: .confirmed, dietary: "glutenvrij")
            let feature = EventsFeature()

            // MUT: 40 days on
            app.clock.advance(by: 40 * 86_400)
            try await feature.purgeExpired(now: app.clock.now(), app: app)

            // validation
            let month = try await EventRegistration.find(came.id, on: app.db)!
            XCTAssertNil(month.dietary, "the answers were for that evening")
            XCTAssertEqual(month.name, "Fatima El Amrani", "kept within the year")
            let lapsed = try await EventRegistration.find(cancelled.id, on: app.db)!
            XCTAssertEqual(lapsed.name, "—", "a cancelled anonymous registration goes after 30 days")
            let laterAnswer = try await EventRegistration.find(later.id, on: app.db)?.dietary
            XCTAssertEqual(laterAnswer, "glutenvrij", "a future event keeps its answers")

            // MUT: 13 months after the event
            app.clock.advance(by: 13 * 31 * 86_400 - 40 * 86_400)
            try await feature.purgeExpired(now: app.clock.now(), app: app)
            try await feature.purgeExpired(now: app.clock.now(), app: app)

            // validation
            let year = try await EventRegistration.find(came.id, on: app.db)!
            XCTAssertEqual(year.name, "—")
            XCTAssertEqual(year.email, "")
            XCTAssertEqual(year.emailKey, "erased:" + came.id!.uuidString.lowercased())
            XCTAssertEqual(year.status, .confirmed)
            let reloaded = try await Event.find(event.id, on: app.db)!
            XCTAssertEqual(reloaded.placesTaken, 2, "attendance counts stay")
            let laterName = try await EventRegistration.find(later.id, on: app.db)?.name
            XCTAssertEqual(laterName, "Sanne Bakker", "its event has not ended a year ago")
            let eventProblems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(eventProblems, [])
        }
    }
}
