import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// Bad input on the application form gets a clear, translated message and stores nothing: no
/// case, no person key, no document row, no file, no mail.
final class ApplyBadInputTests: XCTestCase {
    /// Posts `fields` (and `files`) and checks the answer and that nothing changed.
    private func refused(
        _ app: Application, _ fields: [String: String], files: [(name: String, data: Data)] = [], status: HTTPStatus = .badRequest,
        saying message: String, file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        let before = try await ApplyForms.counts(app)
        let response = try await ApplyForms.post(Browser(app), fields, files: files)
        XCTAssertEqual(response.status, status, file: file, line: line)
        XCTAssertTrue(
            response.body.string.contains(message), "no '\(message)' in \(Self.summary(of: response.body.string))", file: file, line: line)
        let after = try await ApplyForms.counts(app)
        XCTAssertEqual(after, before, "a refused application stored something", file: file, line: line)
    }

    /// The error summary of a page, for a failure's message.
    static func summary(of page: String) -> String {
        guard let start = page.range(of: "id=\"fouten\"") else { return String(page.prefix(300)) }
        return String(page[start.lowerBound...].prefix(800))
    }

    func testEachBadInputIsRefusedAndStoresNothing() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let valid = ApplyForms.valid()
            func with(_ changes: [String: String]) -> [String: String] { valid.merging(changes) { $1 } }

            // MUT + validation
            try await refused(app, valid.mapValues { _ in "" }, saying: "Kies waarvoor je hulp nodig hebt.")
            try await refused(app, [:], saying: "We konden het formulier niet lezen.")
            try await refused(app, with(["purpose": String(repeating: "help ", count: 20_000)]), saying: "2000")
            try await refused(app, with(["amount": "750"]), saying: "niet meer dan € 500,00")
            try await refused(app, with(["amount": "veel"]), saying: "Vul een bedrag in euro in")
            try await refused(app, with(["amount": "-20"]), saying: "Vul een bedrag in euro in")
            try await refused(
                app, with(["iban": "NL00 BANK 0123 4567 89", "account_holder": "F. El Amrani"]), saying: "Dit IBAN klopt niet")
            try await refused(app, with(["phone": "", "email": ""]), saying: "Vul een telefoonnummer of een e-mailadres in")
            try await refused(app, with(["consent": ""]), saying: "Zet een vinkje")
            try await refused(app, valid, files: [("brief.pdf", ApplyForms.script)], saying: "brief.pdf is geen foto of PDF")
            try await refused(app, valid, files: [("bewijs.pdf", ApplyForms.zip)], saying: "bewijs.pdf is geen foto of PDF")
            try await refused(app, valid, files: [("foto.png", ApplyForms.html)], saying: "foto.png is geen foto of PDF")
            try await refused(
                app, valid, files: Array(repeating: ("foto.png", ApplyForms.png), count: 6), saying: "hoogstens 5 bestanden")
        }
    }

    func testAFileOverTheLimitAndAHugeBodyAreRefused() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            app.fundHelpSettings.maxDocumentBytes = 1024 * 1024
            let big = ApplyForms.png + Data(repeating: 1, count: 1024 * 1024)

            // MUT + validation: one file over its limit, told in words
            try await refused(app, ApplyForms.valid(), files: [("scan.png", big)], saying: "scan.png is te groot")

            // a 100 MB body: 413, the translated error page, nothing stored
            let before = try await ApplyForms.counts(app)
            let browser = Browser(app)
            try await browser.get("/")
            var huge = ByteBuffer()
            huge.writeRepeatingByte(0x41, count: 100 << 20)
            let response = try await browser.post(
                FundHelpPath.apply.path + "?_csrf=" + (browser.csrfToken ?? ""), rawBody: huge,
                contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": ApplyForms.boundary]))
            XCTAssertEqual(response.status, .payloadTooLarge)
            XCTAssertTrue(response.body.string.contains("<html"))
            let after = try await ApplyForms.counts(app)
            XCTAssertEqual(after, before)
        }
    }

    func testTheFormSpeaksTheApplicantsLanguageWhenRefusing() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let browser = Browser(app)
            browser.cookies[Language.cookieName] = "ar"
            var fields = ApplyForms.valid()
            fields["amount"] = "5000"

            // MUT
            let response = try await ApplyForms.post(browser, fields)

            // validation
            XCTAssertEqual(response.status, .badRequest)
            XCTAssertTrue(response.body.string.contains("dir=\"rtl\""))
            XCTAssertTrue(response.body.string.contains("لا يعطي الصندوق الشخص الواحد أكثر من"))
        }
    }
}
