import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import Events

/// `kracht verify` recounts every event's counters from its registrations in one query, and says
/// which counter of which event is off.
final class EventsVerifyTests: XCTestCase {
    func testVerifyIsCleanAfterTheDoorAndReportsATamperedCounter() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let organiser = try await app.makeUser(email: "organisator@example.nl")
            let event = try await EventFixture.event(app, capacity: 3, startsIn: 3600, organiser: organiser)
            let fatima = try await CheckInFixture.register(app, event, name: "Fatima", email: "fatima@example.nl", guests: 1)
            _ = try await CheckInFixture.register(app, event, name: "Jan", email: "jan@example.nl")
            _ = try await CheckInFixture.register(app, event, name: "Wacht", email: "wacht@example.nl", status: .waitlisted)
            _ = try await CheckIn(app: app).run(try fatima.requireID(), of: try event.requireID(), by: organiser)
            _ = try await WalkIn(app: app).run(
                .init(name: "Kees", guests: "0", formID: nil), at: try event.requireID(), by: organiser, language: .nl)
            _ = try await EventFixture.event(app, slug: "leeg", title: "Leeg")
            let clean = try await EventsFeature().verify(app: app)
            XCTAssertEqual(clean, [], "clean after check-in and a walk-in")

            // MUT: every counter off, and someone checked in who had no confirmed place
            try await app.db.sql.raw(
                """
                UPDATE events SET places_taken = 4, waitlisted = 0, attended = 9, next_position = 2 \
                WHERE slug = \(bind: event.slug)
                """
            ).run()
            let onWaitlist = try await EventRegistration.query(on: app.db).filter(\.$status == .waitlisted).first()
            let waiting = try XCTUnwrap(onWaitlist)
            waiting.checkedInAt = app.clock.now()
            try await waiting.save(on: app.db)

            // validation
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(
                problems,
                [
                    "event buurtgesprek-west: places_taken is 4, its registrations hold 3",
                    "event buurtgesprek-west: waitlisted is 0, 1 registrations wait",
                    "event buurtgesprek-west: attended is 9, 4 people are checked in",
                    "event buurtgesprek-west: next_position 2 is not after position 4",
                    "event buurtgesprek-west: overbooked, 4 places taken of 3",
                    "event buurtgesprek-west: 1 registrations checked in without a confirmed place",
                ])
        }
    }

    func testAWaitlistWhoseFirstFitsInThePlacesLeftIsReportedAsStuck() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: three free places and someone waiting for one; the same at an event that is over
            let event = try await EventFixture.event(app, capacity: 3)
            _ = try await CheckInFixture.register(app, event, name: "Jan", email: "jan@example.nl")
            _ = try await CheckInFixture.register(app, event, name: "Wacht", email: "wacht@example.nl", guests: 1, status: .waitlisted)
            let past = try await EventFixture.event(app, slug: "terugblik", startsIn: -86_400, district: "oost")
            _ = try await CheckInFixture.register(app, past, name: "Wacht", email: "wacht@example.nl", status: .waitlisted)

            // MUT
            let problems = try await EventsFeature().verify(app: app)

            // validation
            XCTAssertEqual(problems, ["event buurtgesprek-west: the waitlist is stuck, its first party of 2 fits in the 2 places left"])
        }
    }
}
