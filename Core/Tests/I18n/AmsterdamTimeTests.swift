import KrachtCore
import XCTest

/// Days as date fields send them and campaign figures count them: one cached calendar, the
/// same answers across daylight-saving changes and month ends.
final class AmsterdamTimeTests: XCTestCase {
    func testADayIsReadOnlyWhenItExists() throws {
        // MUT + validation
        let start = try XCTUnwrap(AmsterdamTime.parseDay("2026-11-23"))
        XCTAssertEqual(AmsterdamTime.day(start), "2026-11-23")
        XCTAssertEqual(start, Date(timeIntervalSince1970: 1_795_388_400), "midnight in Amsterdam, 23:00 UTC the day before")
        for bad in ["2026-02-30", "2026-13-01", "2026-2-03", "26-02-03", "2026-02-03x", "abcd-ef-gh", "", "2026-02-0٣", "+026-02-03"] {
            XCTAssertNil(AmsterdamTime.parseDay(bad), bad)
        }
        XCTAssertNotNil(AmsterdamTime.parseDay("2028-02-29"), "a leap day")
    }

    func testAddingDaysCrossesDaylightSavingMonthsAndYears() {
        // MUT + validation
        XCTAssertEqual(AmsterdamTime.addingDays(1, to: "2026-03-28"), "2026-03-29")
        XCTAssertEqual(AmsterdamTime.addingDays(1, to: "2026-03-29"), "2026-03-30", "the 23-hour day")
        XCTAssertEqual(AmsterdamTime.addingDays(1, to: "2026-10-25"), "2026-10-26", "the 25-hour day")
        XCTAssertEqual(AmsterdamTime.addingDays(-1, to: "2026-10-26"), "2026-10-25")
        XCTAssertEqual(AmsterdamTime.addingDays(3, to: "2026-12-30"), "2027-01-02")
        XCTAssertEqual(AmsterdamTime.addingDays(-91, to: "2026-05-31"), "2026-03-01")
        XCTAssertEqual(AmsterdamTime.addingDays(5, to: "geen dag"), "geen dag")
    }
}
