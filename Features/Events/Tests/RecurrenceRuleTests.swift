import Events
import Foundation
import KrachtCore
import KrachtTesting
import XCTest

/// The rules that date a series: the right days, and the same wall-clock time in Amsterdam on
/// both sides of the daylight-saving changes (2027-03-28 and 2027-10-31).
final class RecurrenceRuleTests: XCTestCase {
    static let halfPastSeven = 19 * 60 + 30

    static func day(_ text: String) -> Date { AmsterdamTime.parseDay(text)! }
    static func days(_ dates: [Date]) -> [String] { dates.map(AmsterdamTime.day) }
    static func utcHours(_ dates: [Date]) -> [String] {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        return dates.map { String(format: "%02d:%02d", utc.component(.hour, from: $0), utc.component(.minute, from: $0)) }
    }
    static func localTimes(_ dates: [Date]) -> Set<String> { Set(dates.map { AmsterdamTime.format($0, "HH:mm", in: .nl) }) }

    func testTheSecondWednesdayOf2027IsTwelveEveningsAtHalfPastSevenLocal() throws {
        // setup
        let rule = try XCTUnwrap(RecurrenceRule("monthly:2:3"))

        // MUT
        let dates = rule.dates(firstDay: Self.day("2027-01-01"), lastDay: Self.day("2027-12-31"), startMinute: Self.halfPastSeven)

        // validation
        XCTAssertEqual(
            Self.days(dates),
            [
                "2027-01-13", "2027-02-10", "2027-03-10", "2027-04-14", "2027-05-12", "2027-06-09",
                "2027-07-14", "2027-08-11", "2027-09-08", "2027-10-13", "2027-11-10", "2027-12-08",
            ])
        XCTAssertEqual(Self.localTimes(dates), ["19:30"])
        // Winter time (UTC+1) until 28 March, summer time (UTC+2) until 31 October.
        XCTAssertEqual(
            Self.utcHours(dates),
            ["18:30", "18:30", "18:30", "17:30", "17:30", "17:30", "17:30", "17:30", "17:30", "17:30", "18:30", "18:30"])
    }

    func testTheLastThursdayAroundTheOctoberChange() throws {
        // setup
        let rule = try XCTUnwrap(RecurrenceRule("monthly:-1:4"))

        // MUT
        let dates = rule.dates(firstDay: Self.day("2027-01-01"), lastDay: Self.day("2027-12-31"), startMinute: Self.halfPastSeven)

        // validation
        XCTAssertEqual(dates.count, 12)
        XCTAssertEqual(Array(Self.days(dates).prefix(4)), ["2027-01-28", "2027-02-25", "2027-03-25", "2027-04-29"])
        XCTAssertEqual(Array(Self.days(dates).suffix(3)), ["2027-10-28", "2027-11-25", "2027-12-30"])
        XCTAssertEqual(Array(Self.utcHours(dates).suffix(3)), ["17:30", "18:30", "18:30"])
        XCTAssertEqual(Self.localTimes(dates), ["19:30"])
    }

    func testEveryOtherMondayAcrossTheMarchChange() throws {
        // setup
        let rule = try XCTUnwrap(RecurrenceRule("weekly:2:1"))

        // MUT: the first day is a Saturday; the rhythm starts on the Monday after.
        let dates = rule.dates(firstDay: Self.day("2027-03-13"), lastDay: Self.day("2027-04-30"), startMinute: Self.halfPastSeven)

        // validation
        XCTAssertEqual(Self.days(dates), ["2027-03-15", "2027-03-29", "2027-04-12", "2027-04-26"])
        XCTAssertEqual(Self.utcHours(dates), ["18:30", "17:30", "17:30", "17:30"])
    }

    func testTheRuleTextRoundTripsAndNonsenseIsRefused() {
        // MUT + validation
        for text in ["monthly:1:1", "monthly:-1:7", "weekly:1:3", "weekly:4:5"] {
            XCTAssertEqual(RecurrenceRule(text)?.text, text)
        }
        for text in ["monthly:5:3", "monthly:0:3", "monthly:1:8", "weekly:0:1", "weekly:5:1", "yearly:1:1", "monthly:1", "", "monthly:x:1"]
        {
            XCTAssertNil(RecurrenceRule(text), text)
        }
    }

    func testARangeWithoutSuchADayYieldsNothingAndTheCapHolds() throws {
        // setup
        let second = try XCTUnwrap(RecurrenceRule("monthly:2:3"))
        let weekly = try XCTUnwrap(RecurrenceRule("weekly:1:1"))

        // MUT + validation: 1–5 January 2027 has no second Wednesday; the last day before the first, nothing.
        XCTAssertEqual(second.dates(firstDay: Self.day("2027-01-01"), lastDay: Self.day("2027-01-05"), startMinute: 1170), [])
        XCTAssertEqual(second.dates(firstDay: Self.day("2027-06-01"), lastDay: Self.day("2027-01-01"), startMinute: 1170), [])
        XCTAssertEqual(
            weekly.dates(firstDay: Self.day("2027-01-01"), lastDay: Self.day("2028-12-31"), startMinute: 1170).count,
            RecurrenceRule.maxOccurrences)
    }

    func testTheDescriptionInTheReadersLanguage() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let second = try XCTUnwrap(RecurrenceRule("monthly:2:3"))
            let otherMonday = try XCTUnwrap(RecurrenceRule("weekly:2:1"))

            // MUT + validation
            XCTAssertEqual(
                second.describe(startMinute: 1170, in: .nl, catalogue: app.catalogue), "elke tweede woensdag van de maand, 19:30")
            XCTAssertEqual(
                second.describe(startMinute: 1170, in: .en, catalogue: app.catalogue), "every second Wednesday of the month, 19:30")
            XCTAssertEqual(
                RecurrenceRule("monthly:-1:4")?.describe(startMinute: 1200, in: .en, catalogue: app.catalogue),
                "every last Thursday of the month, 20:00")
            XCTAssertEqual(otherMonday.describe(startMinute: 1170, in: .nl, catalogue: app.catalogue), "elke 2 weken op maandag, 19:30")
            XCTAssertEqual(
                RecurrenceRule("weekly:1:5")?.describe(startMinute: 1170, in: .en, catalogue: app.catalogue), "every Friday, 19:30")
        }
    }
}
