import KrachtCore
import XCTest

/// The one parser every form goes through: linear, capped, strict about what it decodes.
final class FormFieldsTests: XCTestCase {
    private func parse(_ body: String) -> FormFields? { FormFields.parse(Array(body.utf8)) }

    func testDecodesPlusPercentEscapesAndUTF8() throws {
        // MUT
        let fields = try XCTUnwrap(parse("name=Fatima+El+Amrani&city=Amsterdam%2DNoord&cafe=caf%C3%A9&emoji=%F0%9F%8C%B7&plus=a%2Bb"))

        // validation
        XCTAssertEqual(fields["name"], "Fatima El Amrani")
        XCTAssertEqual(fields["city"], "Amsterdam-Noord")
        XCTAssertEqual(fields["cafe"], "café")
        XCTAssertEqual(fields["emoji"], "🌷")
        XCTAssertEqual(fields["plus"], "a+b")
        XCTAssertNil(fields["missing"])
    }

    func testEmptyValuesNamesAndPairs() throws {
        // MUT
        let fields = try XCTUnwrap(parse("&a=&b&=lost&&c=1&"))

        // validation: a name without "=" has an empty value; an empty name is dropped
        XCTAssertEqual(fields.pairs.map(\.name), ["a", "b", "c"])
        XCTAssertEqual(fields["a"], "")
        XCTAssertEqual(fields["b"], "")
        XCTAssertEqual(fields["c"], "1")
        XCTAssertEqual(parse(""), FormFields())
    }

    func testDuplicateNamesKeepEveryValueInOrder() throws {
        // MUT
        let fields = try XCTUnwrap(parse("x=1&tag[]=a&x=2&tag[]=b&tag=c"))

        // validation
        XCTAssertEqual(fields["x"], "2")
        XCTAssertEqual(fields.values("x"), ["1", "2"])
        XCTAssertEqual(fields.values("tag"), ["a", "b", "c"])
    }

    func testMalformedEscapesAndInvalidUTF8AreRefused() {
        // MUT + validation
        XCTAssertNil(parse("name=%"))
        XCTAssertNil(parse("name=%4"))
        XCTAssertNil(parse("name=%zz"))
        XCTAssertNil(parse("na%G0me=x"))
        XCTAssertNil(parse("name=%C3"), "a cut-off UTF-8 sequence")
        XCTAssertNil(parse("name=%FF%FE"), "bytes that are never UTF-8")
        XCTAssertNil(parse("name=%C0%AF"), "an overlong encoding")
        XCTAssertNil(parse("name=%ED%A0%80"), "a UTF-16 surrogate")
        XCTAssertNil(FormFields.parse([UInt8(ascii: "a"), UInt8(ascii: "="), 0xFF]), "raw invalid UTF-8")
    }

    func testCapOnTheNumberOfFields() {
        // setup
        let atCap = (1...FormFields.maxFields).map { "f\($0)=1" }.joined(separator: "&")

        // MUT + validation
        XCTAssertEqual(parse(atCap)?.pairs.count, FormFields.maxFields)
        XCTAssertNil(parse(atCap + "&one=more"))
        XCTAssertNil(parse(atCap + "&=x"), "empty names count too")
        XCTAssertNotNil(parse(atCap + "&&&"), "empty pairs are not fields")
    }

    func testCapsOnNameAndValueLengthInCharacters() {
        // setup
        let longestName = String(repeating: "n", count: FormFields.maxNameLength)
        let longestValue = String(repeating: "v", count: FormFields.maxValueLength)
        let longestValueEncoded = String(repeating: "%C3%A9", count: FormFields.maxValueLength)  // é: 6 bytes sent, 1 character

        // MUT + validation
        XCTAssertNotNil(parse("\(longestName)=1"))
        XCTAssertNil(parse("\(longestName)n=1"))
        XCTAssertEqual(parse("v=\(longestValue)")?["v"]?.count, FormFields.maxValueLength)
        XCTAssertNil(parse("v=\(longestValue)v"))
        XCTAssertEqual(parse("v=\(longestValueEncoded)")?["v"]?.count, FormFields.maxValueLength)
        XCTAssertNil(parse("v=\(longestValueEncoded)%C3%A9"))
    }

    func testAHostileMegabyteStopsAtTheCapQuickly() {
        // setup: the body of the finding, ~1 MB of repeated fields
        let body = Array(String(repeating: "x[]=1&", count: 174_000).utf8)

        // MUT
        let start = Date()
        let fields = FormFields.parse(body)

        // validation
        XCTAssertNil(fields)
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.5)
    }
}
