import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Events

/// An event's `.ics`, read back: a valid VCALENDAR with the Amsterdam VTIMEZONE, folded lines that
/// never split a character, escaped text, a UID that stays the same and a SEQUENCE that moves.
final class ICalendarTests: XCTestCase {
    func testAnEventsICSParsesBackWithItsZoneFoldingEscapingAndAStableUID() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: text that needs escaping and, with multi-byte characters, folding
            let event = try await EventFixture.event(app, slug: "buurtgesprek-west-ics")
            event.title = "Buurtgesprek; wonen, werk & zorg \\ één avond"
            event.description =
                "Eerste regel\nTweede regel met café’s, crème brûlée en 👩🏽‍🔧 "
                + String(repeating: "éé ", count: 40)
            event.venue = "Buurthuis De Meeuw"
            event.address = "Meeuwenlaan 1, 1021 JG Amsterdam"
            try await event.save(on: app.db)
            let browser = Browser(app)

            // MUT
            let first = try await browser.get("/evenementen/buurtgesprek-west-ics/agenda.ics")
            let second = try await browser.get(EventsPath.eventCalendar(.value(event.slug)).path)

            // validation: the response
            XCTAssertEqual(first.status, .ok)
            XCTAssertEqual(first.headers.first(name: .contentType), "text/calendar; charset=utf-8")
            XCTAssertEqual(first.headers.first(name: .contentDisposition), "attachment; filename=\"buurtgesprek-west-ics.ics\"")
            XCTAssertEqual(first.headers.first(name: .cacheControl), "public, max-age=300")
            // validation: CRLF lines of at most 75 octets, each whole UTF-8
            let bytes = Array(first.body.readableBytesView)
            let text = String(decoding: bytes, as: UTF8.self)
            XCTAssertTrue(text.hasSuffix("END:VCALENDAR\r\n"))
            XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare LF")
            var folded = 0
            var line: [UInt8] = []
            for (index, byte) in bytes.enumerated() where !(byte == 13 && bytes[index + 1] == 10) {
                guard byte == 10 else {
                    line.append(byte)
                    continue
                }
                XCTAssertLessThanOrEqual(line.count, 75, String(decoding: line, as: UTF8.self))
                XCTAssertNotNil(String(bytes: line, encoding: .utf8), "a folded line splits no character")
                if line.first == 32 { folded += 1 }
                line = []
            }
            XCTAssertGreaterThan(folded, 2, "the long description is folded")
            // validation: the calendar
            let calendar = ParsedCalendar(text)
            XCTAssertEqual(calendar.properties.first?.name, "BEGIN")
            XCTAssertEqual(calendar.value("VERSION"), "2.0")
            XCTAssertEqual(calendar.value("CALSCALE"), "GREGORIAN")
            XCTAssertEqual(calendar.value("METHOD"), "PUBLISH")
            XCTAssertEqual(calendar.value("X-WR-TIMEZONE"), "Europe/Amsterdam")
            XCTAssertNotNil(calendar.value("PRODID"))
            let zones = calendar.components("VTIMEZONE")
            XCTAssertEqual(zones.count, 1)
            XCTAssertEqual(zones.first?.value("TZID"), "Europe/Amsterdam")
            let daylight = try XCTUnwrap(zones.first?.components("DAYLIGHT").first)
            XCTAssertEqual(daylight.value("RRULE"), "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
            XCTAssertEqual(daylight.value("TZOFFSETTO"), "+0200")
            XCTAssertEqual(daylight.value("DTSTART"), "19700329T020000")
            let standard = try XCTUnwrap(zones.first?.components("STANDARD").first)
            XCTAssertEqual(standard.value("RRULE"), "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
            XCTAssertEqual(standard.value("TZOFFSETTO"), "+0100")
            XCTAssertEqual(standard.value("DTSTART"), "19701025T030000")
            let vevent = try XCTUnwrap(calendar.components("VEVENT").first)
            XCTAssertEqual(vevent.value("UID"), "\(try event.requireID().uuidString.lowercased())@kracht.test")
            XCTAssertEqual(ParsedCalendar(String(buffer: second.body)).components("VEVENT").first?.value("UID"), vevent.value("UID"))
            XCTAssertEqual(ParsedCalendar.unescape(try XCTUnwrap(vevent.value("SUMMARY"))), event.title)
            XCTAssertTrue(try XCTUnwrap(vevent.value("SUMMARY")).contains("Buurtgesprek\\; wonen\\, werk & zorg \\\\ één"))
            let description = ParsedCalendar.unescape(try XCTUnwrap(vevent.value("DESCRIPTION")))
            XCTAssertTrue(
                description.hasPrefix(event.description + "\n\nhttp://kracht.test/evenementen/buurtgesprek-west-ics"), description)
            XCTAssertEqual(
                ParsedCalendar.unescape(try XCTUnwrap(vevent.value("LOCATION"))), "Buurthuis De Meeuw, Meeuwenlaan 1, 1021 JG Amsterdam")
            XCTAssertEqual(vevent.value("URL"), "http://kracht.test/evenementen/buurtgesprek-west-ics")
            XCTAssertEqual(vevent.first("DTSTART")?.parameters["TZID"], "Europe/Amsterdam")
            XCTAssertEqual(vevent.value("DTSTART"), ICalendar.local(event.startsAt))
            XCTAssertEqual(vevent.value("STATUS"), "CONFIRMED")
            XCTAssertEqual(vevent.value("SEQUENCE"), "0")
            XCTAssertEqual(vevent.value("CATEGORIES"), "MEETUP")
            XCTAssertTrue(try XCTUnwrap(vevent.value("DTSTAMP")).hasSuffix("Z"))
            XCTAssertTrue(try XCTUnwrap(vevent.value("LAST-MODIFIED")).hasSuffix("Z"))
            let missing = try await browser.get("/evenementen/bestaat-niet/agenda.ics")
            XCTAssertEqual(missing.status, .notFound)
        }
    }

    func testAnEditBumpsTheSequenceAndACancelledOccurrenceIsCancelled() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: two occurrences of a series, in winter and after the March change, at 19:30
            let series = try await CalendarFixture.series(app)
            let winter = try await CalendarFixture.event(
                app, slug: "buurtgesprek-west-2027-02-10", at: CalendarFixture.amsterdam(2027, 2, 10, 19, 30), seriesID: series.id)
            let spring = try await CalendarFixture.event(
                app, slug: "buurtgesprek-west-2027-04-14", at: CalendarFixture.amsterdam(2027, 4, 14, 19, 30), seriesID: series.id)
            let browser = Browser(app)
            let before = ParsedCalendar(String(buffer: try await browser.get(EventsPath.feed.path).body))

            // MUT: the organiser moves the spring one (the edit bumps SEQUENCE, as every edit a calendar shows does)
            // and cancels the winter one
            spring.venue = "Buurthuis De Valk"
            spring.sequence += 1
            try await spring.save(on: app.db)
            winter.status = .cancelled
            winter.sequence += 1
            try await winter.save(on: app.db)
            let after = ParsedCalendar(String(buffer: try await browser.get(EventsPath.feed.path).body))

            // validation: 19:30 local in both seasons (18:30 and 17:30 UTC)
            func vevent(_ calendar: ParsedCalendar, _ event: Event) throws -> ParsedCalendar {
                let uid = "\(try event.requireID().uuidString.lowercased())@kracht.test"
                return try XCTUnwrap(calendar.components("VEVENT").first { $0.value("UID") == uid })
            }
            XCTAssertEqual(try vevent(before, winter).value("DTSTART"), "20270210T193000")
            XCTAssertEqual(try vevent(before, spring).value("DTSTART"), "20270414T193000")
            XCTAssertEqual(try vevent(before, spring).value("DTEND"), "20270414T213000")
            XCTAssertEqual(AmsterdamTime.calendar.timeZone.secondsFromGMT(for: spring.startsAt), 7200)
            XCTAssertEqual(try vevent(before, spring).value("SEQUENCE"), "0")
            XCTAssertEqual(try vevent(after, spring).value("SEQUENCE"), "1")
            XCTAssertTrue(try vevent(after, spring).value("LOCATION")?.hasPrefix("Buurthuis De Valk") ?? false)
            XCTAssertEqual(try vevent(after, spring).value("UID"), try vevent(before, spring).value("UID"))
            XCTAssertEqual(try vevent(before, winter).value("STATUS"), "CONFIRMED")
            XCTAssertEqual(try vevent(after, winter).value("STATUS"), "CANCELLED")
            XCTAssertEqual(try vevent(after, winter).value("SEQUENCE"), "1")
        }
    }

    func testTextIsEscapedAndLinesFoldWithoutSplittingACharacter() {
        // setup
        let line = "SUMMARY:" + String(repeating: "€", count: 40)

        // MUT
        let folded = ICalendar.fold(line)

        // validation: 8 + 22 × 3 = 74 octets, then a continuation of a space and 18 × 3
        let lines = folded.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.map { $0.utf8.count }, [74, 55])
        XCTAssertTrue(lines[1].hasPrefix(" €"))
        XCTAssertEqual(ICalendar.text("a;b,c\\d\r\ne\nf"), "a\\;b\\,c\\\\d\\ne\\nf")
    }
}
