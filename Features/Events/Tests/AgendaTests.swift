import Events
import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// The agenda lists what is coming, by start, 25 a page, with filters that work without
/// JavaScript and ignore what they do not know; the past page shows who came.
final class AgendaTests: XCTestCase {
    func testTheAgendaPagesFiltersAndMarksFullAndCancelledEvents() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: 30 upcoming events a day apart, alternately in West and Zuid; one over; one full; one cancelled
            for n in 1...30 {
                _ = try await EventFixture.event(
                    app, slug: "gesprek-\(n)", title: String(format: "Gesprek nummer %02d", n), startsIn: Double(n) * 86_400,
                    district: n.isMultiple(of: 2) ? "zuid" : "west")
            }
            _ = try await EventFixture.event(app, slug: "voorbij", title: "Al voorbij", startsIn: -3 * 86_400)
            let full = try await EventFixture.event(app, slug: "vol", title: "Vol gesprek", capacity: 2, startsIn: 3600)
            full.placesTaken = 2
            full.waitlisted = 1
            try await full.save(on: app.db)
            let cancelled = try await EventFixture.event(app, slug: "afgelast", title: "Afgelast gesprek", startsIn: 7200, kind: .launch)
            cancelled.status = .cancelled
            try await cancelled.save(on: app.db)
            let visitor = Browser(app)

            // MUT
            let first = try await visitor.get(EventsPath.agenda().path)
            let second = try await visitor.get(EventsPath.agenda(page: 2).path)
            let west = try await visitor.get(EventsPath.agenda(district: "west").path)
            let launches = try await visitor.get(EventsPath.agenda(kind: "launch").path)

            // validation: by start, the full and the cancelled first (sooner), 25 a page
            XCTAssertEqual(first.status, .ok)
            let html = first.body.string
            XCTAssertEqual(html.components(separatedBy: "<li").count - 1 >= 25, true)
            XCTAssertTrue(html.contains("Vol gesprek"))
            XCTAssertTrue(html.contains("Vol: je kunt op de wachtlijst"))
            XCTAssertTrue(html.contains("Afgelast gesprek"))
            XCTAssertTrue(html.contains("Afgelast"))
            XCTAssertTrue(html.contains("Nog 20 plaatsen"))
            XCTAssertTrue(html.contains("Rolstoeltoegankelijk"))
            XCTAssertFalse(html.contains("Al voorbij"), "an event that is over is not on the agenda")
            XCTAssertTrue(html.contains("Gesprek nummer 23"))
            XCTAssertFalse(html.contains("Gesprek nummer 24"), "the 27th row is on the next page")
            let order = ["Vol gesprek", "Afgelast gesprek", "Gesprek nummer 01", "Gesprek nummer 02", "Gesprek nummer 23"].map {
                html.range(of: $0)!.lowerBound
            }
            XCTAssertEqual(order, order.sorted(), "by start")
            XCTAssertTrue(html.contains("href=\"/evenementen?pagina=2\" rel=\"next\""))
            XCTAssertTrue(html.contains("href=\"/evenementen/stadsdeel/west\""))
            XCTAssertTrue(html.contains("href=\"/evenementen/geweest\""))
            XCTAssertTrue(html.contains("href=\"/evenementen/agenda.ics\""))
            XCTAssertTrue(second.body.string.contains("Gesprek nummer 24"))
            XCTAssertTrue(second.body.string.contains("Gesprek nummer 30"))
            XCTAssertFalse(second.body.string.contains("rel=\"next\""))
            XCTAssertTrue(second.body.string.contains("rel=\"prev\""))
            XCTAssertTrue(west.body.string.contains("Gesprek nummer 29"))
            XCTAssertFalse(west.body.string.contains("Gesprek nummer 02"))
            XCTAssertTrue(west.body.string.contains("<option value=\"west\" selected>"))
            XCTAssertTrue(launches.body.string.contains("Afgelast gesprek"))
            XCTAssertFalse(launches.body.string.contains("Gesprek nummer 01"))
        }
    }

    func testUnknownFilterValuesAreIgnored() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            _ = try await EventFixture.event(app)
            let visitor = Browser(app)
            for query in [
                "?stadsdeel=atlantis", "?soort=feest", "?maand=1999-01", "?maand=2027-13", "?pagina=-4", "?pagina=99999999999999999999",
                "?stadsdeel=%3Cscript%3E&soort=%00&maand=x", "?pagina=abc",
            ] {
                // MUT
                let response = try await visitor.get(EventsPath.agenda().path + query)

                // validation
                XCTAssertEqual(response.status, .ok, query)
                XCTAssertTrue(response.body.string.contains("Buurtgesprek West"), query)
                XCTAssertFalse(response.body.string.contains("<script>"), query)
            }
            let month = try await visitor.get(
                EventsPath.agenda(month: AmsterdamTime.month(of: app.clock.now().addingTimeInterval(400 * 86_400))).path)
            XCTAssertTrue(month.body.string.contains("Buurtgesprek West"), "a month beyond the next twelve is no filter")
        }
    }

    func testPastEventsShowNewestFirstWithAttendance() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let older = try await EventFixture.event(app, slug: "lancering", title: "De lancering", startsIn: -40 * 86_400, kind: .launch)
            older.attended = 212
            try await older.save(on: app.db)
            let recent = try await EventFixture.event(app, slug: "gesprek-oost", title: "Gesprek Oost", startsIn: -5 * 86_400)
            recent.attended = 1
            try await recent.save(on: app.db)
            _ = try await EventFixture.event(app, slug: "komend", title: "Komend gesprek")

            // MUT
            let past = try await Browser(app).get(EventsPath.past().path)

            // validation
            XCTAssertEqual(past.status, .ok)
            let html = past.body.string
            XCTAssertTrue(html.contains("212 mensen waren erbij"))
            XCTAssertTrue(html.contains("1 persoon was erbij"))
            XCTAssertFalse(html.contains("Komend gesprek"))
            XCTAssertLessThan(html.range(of: "Gesprek Oost")!.lowerBound, html.range(of: "De lancering")!.lowerBound, "newest first")
        }
    }
}
