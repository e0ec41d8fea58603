import Events
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// A coordinator plans a district's monthly meetup as a series: its occurrences appear on the right
/// evenings, follow the series when it changes, except the one moved on its own, and stop when the
/// series does.
final class SeriesTests: XCTestCase {
    /// "Every second Wednesday of the month at 19:30 in West, all of 2027."
    static func form(_ changes: [String: String] = [:]) -> [String: String] {
        [
            "title": "Buurtgesprek West", "description": "Een uur gesprek over één thema, daarna een drankje.", "kind": "meetup",
            "venue": "Buurthuis De Meeuw", "address": "Meeuwenlaan 1, Amsterdam", "district": "west", "area": "",
            "online_url": "", "capacity": "30", "step_free": "1", "frequency": "monthly", "ordinal": "2", "weekday": "3",
            "interval": "1", "start_time": "19:30", "duration": "120", "first_day": "2027-01-01", "last_day": "2027-12-31",
        ].merging(changes) { _, new in new }
    }

    /// The clock at noon on 1 December 2026, so every date of 2027 lies ahead whenever the test runs.
    static func pinClock(_ app: Application) {
        let noon = Date(timeIntervalSince1970: 1_796_126_400)  // 2026-12-01T12:00:00Z
        app.clock.advance(by: noon.timeIntervalSince(app.clock.now()))
    }

    static func coordinator(_ app: Application) async throws -> Browser {
        _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
        let browser = Browser(app)
        try await browser.logIn("coordinator@example.nl")
        return browser
    }

    /// A confirmed registration, straight in the database, with the event's counters kept.
    static func register(_ email: String, for event: Event, _ app: Application) async throws {
        let registration = EventRegistration()
        registration.eventID = try event.requireID()
        (registration.name, registration.email, registration.emailKey) = ("Buur", email, email)
        (registration.guests, registration.houseRulesAccepted, registration.status) = (0, true, .confirmed)
        (registration.position, registration.language, registration.walkIn, registration.paidCents) = (event.nextPosition, .nl, false, 0)
        (registration.createdAt, registration.updatedAt) = (app.clock.now(), app.clock.now())
        try await registration.save(on: app.db)
        event.placesTaken += 1
        event.nextPosition += 1
        try await event.save(on: app.db)
    }

    static func occurrences(_ app: Application) async throws -> [Event] {
        try await Event.query(on: app.db).sort(\.$startsAt).all()
    }

    func testASecondWednesdaySeriesMakesTwelveEveningsAtHalfPastSeven() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            Self.pinClock(app)
            let browser = try await Self.coordinator(app)

            // MUT: posted twice, as a double click does.
            let response = try await browser.post(EventsPath.newSeries.path, Self.form())
            let again = try await browser.post(EventsPath.newSeries.path, Self.form())

            // validation
            XCTAssertEqual(response.status, .seeOther, response.body.string)
            XCTAssertEqual(again.headers.first(name: .location), response.headers.first(name: .location))
            let series = try await EventSeries.query(on: app.db).all()
            XCTAssertEqual(series.map(\.rule), ["monthly:2:3"])
            let events = try await Self.occurrences(app)
            XCTAssertEqual(events.count, 12)
            XCTAssertEqual(events.map { AmsterdamTime.day($0.startsAt) }.first, "2027-01-13")
            XCTAssertEqual(events.map { AmsterdamTime.day($0.startsAt) }.last, "2027-12-08")
            XCTAssertEqual(Set(events.map { AmsterdamTime.format($0.startsAt, "HH:mm", in: .nl) }), ["19:30"])
            XCTAssertEqual(
                events.map { RecurrenceRuleTests.utcHours([$0.startsAt])[0] },
                ["18:30", "18:30", "18:30", "17:30", "17:30", "17:30", "17:30", "17:30", "17:30", "17:30", "18:30", "18:30"])
            for event in events {
                XCTAssertEqual(event.seriesID, series.first?.id)
                XCTAssertEqual(event.seriesStart, event.startsAt)
                XCTAssertEqual(event.endsAt.timeIntervalSince(event.startsAt), 7200)
                XCTAssertEqual(event.registrationDeadline, event.startsAt)
                XCTAssertEqual([event.placesTaken, event.waitlisted, event.attended, event.nextPosition], [0, 0, 0, 1])
                XCTAssertEqual(event.capacity, 30)
                XCTAssertEqual(event.district, "west")
                XCTAssertFalse(event.detached)
            }
            XCTAssertEqual(Set(events.map(\.slug)).count, 12)
            // The edit page shows the rule in words and the dates.
            let edit = try await browser.get(response.headers.first(name: .location) ?? "")
            XCTAssertEqual(edit.status, .ok)
            XCTAssertTrue(edit.body.string.contains("elke tweede woensdag van de maand, 19:30"))
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAMovedOccurrenceIsLeftAloneWhenTheSeriesChanges() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            Self.pinClock(app)
            let browser = try await Self.coordinator(app)
            try await browser.post(EventsPath.newSeries.path, Self.form())
            let seriesIDFound = try await EventSeries.query(on: app.db).first()?.id
            let seriesID = try XCTUnwrap(seriesIDFound)
            let marchFound = try await Self.occurrences(app).first { AmsterdamTime.day($0.startsAt) == "2027-03-10" }
            let march = try XCTUnwrap(marchFound)
            march.detached = true
            march.startsAt = march.startsAt.addingTimeInterval(86_400)  // to Thursday
            march.endsAt = march.endsAt.addingTimeInterval(86_400)
            try await march.save(on: app.db)
            let aprilFound = try await Self.occurrences(app).first { AmsterdamTime.day($0.startsAt) == "2027-04-14" }
            let april = try XCTUnwrap(aprilFound)
            try await Self.register("buur@example.nl", for: april, app)

            // MUT: the series moves to 20:00 and to another hall.
            let response = try await browser.post(
                EventsPath.editSeries(.value(seriesID)).path, Self.form(["start_time": "20:00", "venue": "De Tagrijn"]))

            // validation
            XCTAssertEqual(response.status, .seeOther, response.body.string)
            let events = try await Self.occurrences(app)
            XCTAssertEqual(events.count, 12)
            let moved = try XCTUnwrap(events.first { $0.id == march.id })
            XCTAssertEqual(AmsterdamTime.format(moved.startsAt, "yyyy-MM-dd HH:mm", in: .nl), "2027-03-11 19:30")
            XCTAssertEqual(moved.venue, "Buurthuis De Meeuw")
            XCTAssertEqual(moved.sequence, 0)
            let rest = events.filter { $0.id != march.id }
            XCTAssertEqual(Set(rest.map { AmsterdamTime.format($0.startsAt, "HH:mm", in: .nl) }), ["20:00"])
            XCTAssertEqual(Set(rest.map(\.venue)), ["De Tagrijn"])
            XCTAssertEqual(Set(rest.map(\.sequence)), [1])
            XCTAssertEqual(Set(rest.map(\.status)), [.scheduled])
            XCTAssertEqual(Set(rest.compactMap(\.seriesStart).map { AmsterdamTime.format($0, "HH:mm", in: .nl) }), ["20:00"])
            // The one registered for April is told it moved.
            let notices = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "buur@example.nl").all()
            XCTAssertEqual(notices.map(\.view), ["events/mail/changed"])
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testADayTheRuleNoLongerGivesIsCancelledNotDeleted() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            Self.pinClock(app)
            let browser = try await Self.coordinator(app)
            try await browser.post(EventsPath.newSeries.path, Self.form(["last_day": "2027-03-31"]))
            let seriesIDFound = try await EventSeries.query(on: app.db).first()?.id
            let seriesID = try XCTUnwrap(seriesIDFound)
            let januaryFound = try await Self.occurrences(app).first
            let january = try XCTUnwrap(januaryFound)
            january.placesTaken = 1  // someone registered
            try await january.save(on: app.db)

            // MUT: from the second Wednesday to the last Thursday.
            let response = try await browser.post(
                EventsPath.editSeries(.value(seriesID)).path, Self.form(["ordinal": "-1", "weekday": "4", "last_day": "2027-03-31"]))

            // validation
            XCTAssertEqual(response.status, .seeOther, response.body.string)
            let events = try await Self.occurrences(app)
            XCTAssertEqual(
                events.filter { $0.status == .cancelled }.map { AmsterdamTime.day($0.startsAt) },
                ["2027-01-13", "2027-02-10", "2027-03-10"])
            XCTAssertEqual(Set(events.filter { $0.status == .cancelled }.map(\.sequence)), [1])
            XCTAssertEqual(
                events.filter { $0.status == .scheduled }.map { AmsterdamTime.day($0.startsAt) },
                ["2027-01-28", "2027-02-25", "2027-03-25"])
            let januaryTaken = try await Event.find(january.id, on: app.db)?.placesTaken
            XCTAssertEqual(januaryTaken, 1)
        }
    }
}
