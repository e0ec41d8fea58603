import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// Hours people mistype get a message beside the field and change nothing.
final class HoursBadInputTests: XCTestCase {
    func testTheTimeIsReadInHoursAndMinutesWithADutchCommaOrADot() {
        XCTAssertEqual(try HoursInput.minutes(hours: "2,5", minutes: nil).get(), 150)
        XCTAssertEqual(try HoursInput.minutes(hours: "2.5", minutes: "").get(), 150)
        XCTAssertEqual(try HoursInput.minutes(hours: "1,33", minutes: nil).get(), 80)
        XCTAssertEqual(try HoursInput.minutes(hours: "1", minutes: "30").get(), 90)
        XCTAssertEqual(try HoursInput.minutes(hours: "", minutes: "90").get(), 90)
        XCTAssertEqual(try HoursInput.minutes(hours: "24", minutes: nil).get(), 1440)
        XCTAssertEqual(HoursInput.minutes(hours: "0", minutes: nil), .failure(HoursProblem(.outOfRange)))
        XCTAssertEqual(HoursInput.minutes(hours: "25", minutes: nil), .failure(HoursProblem(.outOfRange)))
        XCTAssertEqual(HoursInput.minutes(hours: "24", minutes: "1"), .failure(HoursProblem(.outOfRange)))
        XCTAssertEqual(HoursInput.minutes(hours: "-1", minutes: nil), .failure(HoursProblem(.invalid)))
        XCTAssertEqual(HoursInput.minutes(hours: "abc", minutes: nil), .failure(HoursProblem(.invalid)))
        XCTAssertEqual(HoursInput.minutes(hours: "1,2,3", minutes: nil), .failure(HoursProblem(.invalid)))
        XCTAssertEqual(HoursInput.minutes(hours: " ", minutes: nil), .failure(HoursProblem(.missing)))
        XCTAssertEqual(HoursInput.day("2026-02-30", today: "2026-11-23"), .failure(HoursProblem(.invalid)))
        XCTAssertEqual(HoursInput.day("2026-11-24", today: "2026-11-23"), .failure(HoursProblem(.outOfRange)))
        XCTAssertEqual(HoursInput.day("2025-11-22", today: "2026-11-23"), .failure(HoursProblem(.outOfRange)))
        XCTAssertEqual(try HoursInput.day("2025-11-23", today: "2026-11-23").get(), "2025-11-23")
        XCTAssertEqual(HoursInput.peopleReached("1001"), .failure(HoursProblem(.outOfRange)))
        XCTAssertEqual(try HoursInput.peopleReached("1000").get(), 1000)
        XCTAssertEqual(try HoursInput.peopleReached("").get(), 0)
    }

    func testBadHoursAreRefusedWithAMessageAndChangeNothing() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let fixture = ValueFixture(app: app)
            let kitchen = try await fixture.kitchen()
            let initiative = kitchen.initiative
            let browser = try await fixture.browser("olga@example.nl")
            let path = kitchen.hoursPath
            let today = AmsterdamTime.day(app.clock.now())
            let cases: [([String: String], String, String)] = [
                (["hours": "0", "worked_on": today], "hours-hours", "De tijd moet tussen 1 minuut en 24 uur liggen."),
                (["hours": "-1", "worked_on": today], "hours-hours", "Vul de tijd in met cijfers"),
                (["hours": "25", "worked_on": today], "hours-hours", "De tijd moet tussen 1 minuut en 24 uur liggen."),
                (["hours": "abc", "worked_on": today], "hours-hours", "Vul de tijd in met cijfers"),
                (["worked_on": today], "hours-hours", "Vul de tijd in, in uren of minuten."),
                (["hours": "2", "worked_on": AmsterdamTime.addingDays(1, to: today)], "hours-day", "niet in de toekomst"),
                (["hours": "2", "worked_on": "gisteren"], "hours-day", "Vul een bestaande datum in"),
                (["hours": "2", "worked_on": today, "people_reached": "1001"], "hours-reached", "van 0 tot 1.000"),
                (["hours": "2", "worked_on": today, "person": UUID().uuidString], "hours-person", "Kies een deelnemer"),
            ]
            for (form, field, message) in cases {
                // MUT
                let response = try await browser.post(path, form)

                // validation
                XCTAssertEqual(response.status, .badRequest, "\(form)")
                let html = response.body.string
                XCTAssertTrue(html.contains("<li><a href=\"#\(field)\">"), "\(form) points at \(field)")
                XCTAssertTrue(html.contains(message), "\(form) says: \(message)")
            }
            let awaited1 = try await VolunteerHours.query(on: app.db).count()
            XCTAssertEqual(awaited1, 0)
            let awaited2 = try await fixture.reload(initiative).confirmedMinutes
            XCTAssertEqual(awaited2, 0)
        }
    }

    func testAFormSentTwiceCountsOnceAndADayHasACap() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let fixture = ValueFixture(app: app)
            let kitchen = try await fixture.kitchen()
            let browser = try await fixture.browser("olga@example.nl")
            let path = kitchen.hoursPath
            let today = AmsterdamTime.day(app.clock.now())

            // MUT
            _ = try await browser.post(path, ["person": "", "hours": "3", "worked_on": today])
            _ = try await browser.post(path, ["person": "", "hours": "3", "worked_on": today])
            for minutes in 1...(LogHours.maxPerDay - 1) {
                _ = try await browser.post(path, ["person": "", "minutes": String(minutes), "worked_on": today])
            }
            let over = try await browser.post(path, ["person": "", "minutes": "45", "worked_on": today])

            // validation
            let awaited3 = try await VolunteerHours.query(on: app.db).count()
            XCTAssertEqual(awaited3, LogHours.maxPerDay)
            XCTAssertEqual(over.status, .badRequest)
            XCTAssertTrue(over.body.string.contains("al veel uren op deze dag"))
            let awaited4 = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(awaited4, [])
        }
    }
}
