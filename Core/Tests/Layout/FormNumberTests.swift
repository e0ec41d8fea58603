import KrachtCore
import XCTest

/// Numbers and clock times are read one way in every form (events, series, actions).
final class FormNumberTests: XCTestCase {
    func testClockTimesWithOrWithoutSeconds() {
        // MUT + validation
        XCTAssertEqual(FormNumber.clockMinutes("19:30"), 19 * 60 + 30)
        XCTAssertEqual(FormNumber.clockMinutes("19:30:00"), 19 * 60 + 30, "some browsers send seconds")
        XCTAssertEqual(FormNumber.clockMinutes(" 9:05 "), 9 * 60 + 5)
        XCTAssertEqual(FormNumber.clockMinutes("00:00"), 0)
        for refused in ["", "24:00", "19:60", "19:30:15", "19", "19:3", "+9:30", "19:-1", "١٩:٣٠", "19:30:00:00", "a:bc", nil] {
            XCTAssertNil(FormNumber.clockMinutes(refused), String(describing: refused))
        }
    }

    func testWholeNumbersInTheirRange() {
        // MUT + validation
        XCTAssertEqual(FormNumber.whole(" 30 ", in: 1...100), 30)
        XCTAssertEqual(FormNumber.whole("1", in: 1...100), 1)
        for refused in ["", "0", "101", "abc", "1e9", "12.5", "99999999999999999999", nil] {
            XCTAssertNil(FormNumber.whole(refused, in: 1...100), String(describing: refused))
        }
    }
}
