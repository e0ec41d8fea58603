import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Events

/// Issue #12: attendance feeds the dashboard, and the plan's "subscribers or attendees" (target
/// 1,000 in `targets-2025.csv`) counts each person once.
final class EventIndicatorTests: XCTestCase {
    func testSubscribersOrAttendeesCountsEachPersonOnce() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            // Full (Fatima and her guest, Piet pending), so Jan waits for a place.
            let west = try await EventFixture.event(app, capacity: 3, organiser: organiser)
            let oost = try await EventFixture.event(
                app, slug: "buurtgesprek-oost", title: "Buurtgesprek Oost", startsIn: 3600, organiser: organiser)
            let fatima = try await CheckInFixture.register(app, west, name: "Fatima", email: "fatima@example.nl", guests: 1)
            _ = try await CheckInFixture.register(app, oost, name: "Fatima", email: "Fatima@example.nl")
            _ = try await CheckInFixture.register(app, west, name: "Jan", email: "jan@example.nl", status: .waitlisted)
            _ = try await CheckInFixture.register(app, west, name: "Piet", email: "piet@example.nl", status: .pending)
            _ = try await CheckInFixture.register(app, oost, name: "Weg", email: "weg@example.nl", status: .cancelled)

            // MUT
            _ = try await CheckIn(app: app).run(try fatima.requireID(), of: try west.requireID(), by: organiser)
            _ = try await WalkIn(app: app).run(
                .init(name: "Kees", guests: "1", formID: nil), at: try oost.requireID(), by: organiser, language: .nl)
            app.indicators.invalidate()
            let values = try await app.indicators.values(app: app)

            // validation
            let people = try XCTUnwrap(values.first { $0.key == "subscribers_or_attendees" })
            XCTAssertEqual(people.value, 1 + 2, "Fatima once over two events; Kees and his guest; not the waitlist, pending or cancelled")
            XCTAssertEqual(people.target, 1000, "the plan's target, from the reference data")
            XCTAssertNil(people.headlineOrder)
            let attendees = try XCTUnwrap(values.first { $0.key == "event_attendees" })
            XCTAssertEqual(attendees.value, 2 + 2, "Fatima with her guest, Kees with his")
            XCTAssertNil(attendees.headlineOrder)
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheHomePageInvitesToTheAgenda() async throws {
        try await withApp(features: EventFixture.features) { app in
            // MUT
            let actions = EventsFeature().callsToAction()

            // validation
            XCTAssertEqual(actions.map(\.path), [EventsPath.agenda().path])
            XCTAssertNil(actions.first?.indicatorKey)
            XCTAssertEqual(app.catalogue.text(try XCTUnwrap(actions.first?.textKey), in: .nl), "Kom naar een evenement")
        }
    }
}
