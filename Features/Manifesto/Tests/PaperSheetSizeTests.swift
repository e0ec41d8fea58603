import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// Review of issue #7, finding 12: the form parser's value cap (25,000 characters) was below a
/// full paper sheet (500 lines), and an unread form showed "fill in the sheet reference".
final class PaperSheetSizeTests: XCTestCase {
    func coordinator(_ app: Application) async throws -> Browser {
        _ = try await app.makeUser(name: "Youssef", email: "coord@example.nl", roles: [.coordinator])
        let browser = Browser(app)
        try await browser.logIn("coord@example.nl")
        return browser
    }

    /// `count` lines of "name; district", each name close to its 100-character limit.
    func sheet(lines count: Int) -> String {
        (1...count).map { "Naam \($0) " + String(repeating: "van Amstel-", count: 7) + "Jansen; Oost" }.joined(separator: "\n")
    }

    func testAFortyThousandCharacterSheetIsRecorded() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let desk = try await coordinator(app)
            let lines = sheet(lines: 420)
            XCTAssertGreaterThan(lines.count, 40_000)

            // MUT
            let response = try await desk.post(
                ManifestoPath.adminPaper.path, ["sheet": "Ten Katemarkt 3 mei", "lines": lines, "confirm": "1"])

            // validation
            XCTAssertTrue(
                response.location?.hasPrefix(ManifestoPath.adminPaper.path + "?lijst=") ?? false,
                response.body.string.prefix(500).description)
            let counters = try await SignatureCounter.values(on: app.db)
            XCTAssertEqual(counters[.paper], 420)
        }
    }

    func testASheetOverTheParsersCapSaysSoAndStoresNothing() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: over 65,536 characters in one field
            let desk = try await coordinator(app)
            let lines = sheet(lines: 700)
            XCTAssertGreaterThan(lines.count, FormFields.maxValueLength)

            // MUT
            let response = try await desk.post(ManifestoPath.adminPaper.path, ["sheet": "Ten Katemarkt 3 mei", "lines": lines])

            // validation: the reason, not a misleading "fill in the sheet reference"
            XCTAssertEqual(response.status, .payloadTooLarge)
            XCTAssertTrue(response.body.string.contains("De lijst is te lang om in één keer in te voeren"))
            XCTAssertFalse(response.body.string.contains("Vul de referentie van de lijst in"))
            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 0)
        }
    }
}
