import Events
import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// The series form: what it refuses, who may plan a series and for which initiative, and
/// cancelling a whole series. The journey's helpers are `SeriesTests`'.
final class SeriesFormTests: XCTestCase {
    typealias Fixture = SeriesTests

    func testARuleThatYieldsNoDatesIsRefusedAndNothingChanges() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            Fixture.pinClock(app)
            let browser = try await Fixture.coordinator(app)

            // MUT: 1–5 January 2027 holds no second Wednesday; a last day before the first.
            let none = try await browser.post(EventsPath.newSeries.path, Fixture.form(["last_day": "2027-01-05"]))
            let backwards = try await browser.post(
                EventsPath.newSeries.path, Fixture.form(["first_day": "2027-06-01", "last_day": "2027-01-01"]))
            let past = try await browser.post(
                EventsPath.newSeries.path, Fixture.form(["first_day": "2025-01-01", "last_day": "2025-12-31"]))
            let nonsense = try await browser.post(
                EventsPath.newSeries.path, Fixture.form(["ordinal": "5", "capacity": "-3", "start_time": "25:00", "first_day": "morgen"]))

            // validation
            XCTAssertEqual(none.status, .badRequest)
            XCTAssertTrue(none.body.string.contains("geen enkele bijeenkomst in de toekomst"), none.body.string)
            XCTAssertEqual(backwards.status, .badRequest)
            XCTAssertTrue(backwards.body.string.contains("De laatste dag ligt voor de eerste dag"))
            XCTAssertEqual(past.status, .badRequest)
            XCTAssertTrue(past.body.string.contains("geen enkele bijeenkomst in de toekomst"))
            XCTAssertEqual(nonsense.status, .badRequest)
            for message in ["Kies hoe vaak en op welke dag", "Vul een aantal plaatsen in", "Vul een begintijd in", "Vul een datum in"] {
                XCTAssertTrue(nonsense.body.string.contains(message), message)
            }
            let seriesCount = try await EventSeries.query(on: app.db).count()
            let eventCount = try await Event.query(on: app.db).count()
            XCTAssertEqual([seriesCount, eventCount], [0, 0])

            // And on an existing series: its dates stay as they were.
            try await browser.post(EventsPath.newSeries.path, Fixture.form())
            let seriesFound = try await EventSeries.query(on: app.db).first()
            let series = try XCTUnwrap(seriesFound)
            let refused = try await browser.post(
                EventsPath.editSeries(.value(try series.requireID())).path, Fixture.form(["last_day": "2027-01-05"]))
            XCTAssertEqual(refused.status, .badRequest)
            let after = try await Fixture.occurrences(app)
            XCTAssertEqual(after.count, 12)
            XCTAssertEqual(Set(after.map(\.status)), [.scheduled])
            let lastDay = try await EventSeries.find(series.id, on: app.db)?.lastDay
            XCTAssertEqual(lastDay, series.lastDay)
        }
    }

    func testCancellingTheWholeSeriesFromNow() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            Fixture.pinClock(app)
            let browser = try await Fixture.coordinator(app)
            try await browser.post(EventsPath.newSeries.path, Fixture.form())
            let seriesIDFound = try await EventSeries.query(on: app.db).first()?.id
            let seriesID = try XCTUnwrap(seriesIDFound)
            let path = EventsPath.editSeries(.value(seriesID)).path

            // MUT: pressed twice.
            let first = try await browser.post(path, ["action": "cancel_series"])
            let second = try await browser.post(path, ["action": "cancel_series"])

            // validation
            XCTAssertEqual([first.status, second.status], [.seeOther, .seeOther])
            let events = try await Fixture.occurrences(app)
            XCTAssertEqual(events.count, 12)
            XCTAssertEqual(Set(events.map(\.status)), [.cancelled])
            XCTAssertEqual(Set(events.map(\.sequence)), [1])
            let status = try await EventSeries.find(seriesID, on: app.db)?.status
            XCTAssertEqual(status, .cancelled)
        }
    }

    func testWhoMayPlanAndChangeASeries() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            Fixture.pinClock(app)
            let coordinator = try await Fixture.coordinator(app)
            try await coordinator.post(EventsPath.newSeries.path, Fixture.form())
            let seriesIDFound = try await EventSeries.query(on: app.db).first()?.id
            let seriesID = try XCTUnwrap(seriesIDFound)
            _ = try await app.makeUser(email: "bewoner@example.nl")
            let resident = Browser(app)
            try await resident.logIn("bewoner@example.nl")

            // MUT + validation
            let residentNewForm = try await resident.get(EventsPath.newSeries.path).status
            XCTAssertEqual(residentNewForm, .forbidden)
            let residentCreate = try await resident.post(EventsPath.newSeries.path, Fixture.form()).status
            XCTAssertEqual(residentCreate, .forbidden)
            let residentEdit = try await resident.get(EventsPath.editSeries(.value(seriesID)).path).status
            XCTAssertEqual(residentEdit, .forbidden)
            let unknownSeries = try await coordinator.get(EventsPath.editSeries(.value(UUID())).path).status
            XCTAssertEqual(unknownSeries, .notFound)
            let coordinatorNewForm = try await coordinator.get(EventsPath.newSeries.path).status
            XCTAssertEqual(coordinatorNewForm, .ok)
            let seriesCount = try await EventSeries.query(on: app.db).count()
            XCTAssertEqual(seriesCount, 1)
        }
    }

    func testACoordinatorAttachesASeriesToAnyApprovedInitiative() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: an initiative someone else runs
            Fixture.pinClock(app)
            let coordinator = try await Fixture.coordinator(app)
            let organiser = try await app.makeUser(email: "organiser@example.nl")
            let initiative = try await EventFormFixture.initiative(app, slug: "buurtkeuken-west", organiser: organiser)
            let initiativeID = try initiative.requireID()

            // MUT: the form offers it, and the series is saved with it
            let form = try await coordinator.get(EventsPath.newSeries.path)
            let response = try await coordinator.post(EventsPath.newSeries.path, Fixture.form(["initiative": initiativeID.uuidString]))

            // validation
            XCTAssertTrue(form.body.string.contains("Initiatief buurtkeuken-west"))
            XCTAssertEqual(response.status, .seeOther, response.body.string)
            let series = try await EventSeries.query(on: app.db).all()
            XCTAssertEqual(series.map(\.initiativeID), [initiativeID])
            let occurrences = try await Fixture.occurrences(app)
            XCTAssertEqual(Set(occurrences.map(\.initiativeID)), [initiativeID])
        }
    }

    func testAnOrganiserMayNotAttachAnInitiativeTheyDoNotRun() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: two organisers, each with their own initiative
            Fixture.pinClock(app)
            let own = try await app.makeUser(email: "fatima@example.nl")
            let other = try await app.makeUser(email: "joost@example.nl")
            _ = try await EventFormFixture.initiative(app, slug: "buurtkeuken-west", organiser: own)
            let theirs = try await EventFormFixture.initiative(app, slug: "fietsenmaker-oost", organiser: other)
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")

            // MUT
            let response = try await browser.post(
                EventsPath.newSeries.path, Fixture.form(["initiative": try theirs.requireID().uuidString]))

            // validation
            XCTAssertEqual(response.status, .badRequest)
            let seriesCount = try await EventSeries.query(on: app.db).count()
            XCTAssertEqual(seriesCount, 0)
        }
    }

    func testAStartTimeWithSecondsIsReadAsTheEventFormReadsIt() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            Fixture.pinClock(app)
            let browser = try await Fixture.coordinator(app)

            // MUT: "19:30:00", as some browsers send a time field
            let response = try await browser.post(EventsPath.newSeries.path, Fixture.form(["start_time": "19:30:00"]))

            // validation
            XCTAssertEqual(response.status, .seeOther, response.body.string)
            let series = try await EventSeries.query(on: app.db).all()
            XCTAssertEqual(series.map(\.startMinute), [19 * 60 + 30])
        }
    }
}
