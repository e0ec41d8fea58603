import CSV
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

final class CSVExportTests: XCTestCase {
    func testCellsAreSeparatedBySemicolonsQuotedWhereNeededAndEndInCRLF() {
        // MUT
        let line = CSVExport.line([.text("Oud-West; De Baarsjes"), .text("zei \"hoi\""), .text("twee\nregels"), .text("gewoon")])

        // validation
        XCTAssertEqual(line, "\"Oud-West; De Baarsjes\";\"zei \"\"hoi\"\"\";\"twee\nregels\";gewoon\r\n")
    }

    func testCellsExcelWouldRunAsAFormulaAreDefused() {
        for hostile in ["=HYPERLINK(\"http://evil\")", "+31 6 12345678", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            // MUT
            let line = CSVExport.line([.text(hostile)])

            // validation
            XCTAssertTrue(line.hasPrefix("'") || line.hasPrefix("\"'"), "defused: \(line.debugDescription)")
        }
        XCTAssertEqual(CSVExport.line([.text("Jan = Piet")]), "Jan = Piet\r\n", "only a leading sign matters")
        XCTAssertEqual(CSVExport.line([.integer(-42)]), "-42\r\n", "numbers are numbers, not defused")
    }

    func testEurosHaveADecimalCommaAndNoThousandsSeparator() {
        XCTAssertEqual(
            CSVExport.line([.euros(cents: 123_456), .euros(cents: 5), .euros(cents: -1_050), .euros(cents: 0)]),
            "1234,56;0,05;-10,50;0,00\r\n")
        XCTAssertEqual(CSVExport.line([.euros(cents: .min)]), "-92233720368547758,08\r\n")
    }

    func testTimesAreInAmsterdamTime() {
        let winter = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01 00:00 UTC
        let summer = Date(timeIntervalSince1970: 1_782_864_000)  // 2026-07-01 00:00 UTC
        XCTAssertEqual(
            CSVExport.line([.time(winter), .time(summer), .time(nil)]),
            "2026-01-01 01:00:00;2026-07-01 02:00:00;\r\n")
    }

    func testTheExportIsAStreamedAttachmentThatStartsWithAByteOrderMark() async throws {
        try await withApp { app in
            // setup: an export of many rows, produced in batches
            let rows = 20_000
            app.get("test-export") { req in
                CSVExport.response(for: req, filename: "ondertekeningen 2026.csv", header: ["Naam", "Bedrag", "Datum"]) { write in
                    for batch in stride(from: 0, to: rows, by: 500) {
                        try await write(
                            (batch..<batch + 500).map {
                                [.text("Bewoner \($0), Amsterdam"), .euros(cents: Int64($0)), .time(Date(timeIntervalSince1970: 0))]
                            })
                    }
                }
            }

            // MUT
            let response = try await app.sendRequest(.GET, "test-export")

            // validation
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(response.headers.first(name: .contentType), "text/csv; charset=utf-8")
            XCTAssertEqual(response.headers.first(name: .contentDisposition), "attachment; filename=\"ondertekeningen-2026.csv\"")
            XCTAssertEqual(response.headers.first(name: .cacheControl), "no-store")
            let bytes = Array(response.body.readableBytesView)
            XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 byte order mark")
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            XCTAssertTrue(text.hasPrefix("Naam;Bedrag;Datum\r\nBewoner 0, Amsterdam;0,00;1970-01-01 01:00:00\r\n"))
            XCTAssertTrue(text.hasSuffix("Bewoner 19999, Amsterdam;199,99;1970-01-01 01:00:00\r\n"))
            XCTAssertEqual(text.components(separatedBy: "\r\n").count, rows + 2, "header, rows, and the final CRLF")
        }
    }

    func testTheBodyIsStreamedNotBuiltInMemory() throws {
        // setup
        let app = Application(.testing)
        defer { app.shutdown() }
        let request = Request(application: app, on: app.eventLoopGroup.next())

        // MUT
        let response = CSVExport.response(for: request, filename: "x.csv", header: ["a"]) { _ in }

        // validation: no buffered data, no length known in advance
        XCTAssertNil(response.body.data)
        XCTAssertEqual(response.body.count, -1)
    }

    func testWhatTheWriterWritesTheReaderReadsBack() throws {
        // setup
        let cells: [CSVCell] = [.text("De Pijp, Rivierenbuurt"), .text("zei \"ja\"; toen"), .text("regel 1\r\nregel 2"), .integer(7)]

        // MUT
        let reader = try CSVReader(string: CSVExport.line(cells) + CSVExport.line(cells), delimiter: ";")

        // validation
        let row = try XCTUnwrap(reader.next())
        XCTAssertEqual(row, ["De Pijp, Rivierenbuurt", "zei \"ja\"; toen", "regel 1\r\nregel 2", "7"])
        XCTAssertEqual(reader.next(), row)
    }
}
