import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// What the statement, queue and cash tests share: the fixtures, gifts waiting for a
/// transfer, a logged-in treasurer and a multipart upload.
enum StatementSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }

    /// A gift asked for by bank transfer, waiting for its money.
    @discardableResult
    static func transferGift(
        _ app: Application, reference: String, cents: Int64, monthly: Bool = false, email: String? = nil
    ) async throws -> Gift {
        let gift = Gift(
            amountCents: cents, frequency: monthly ? .monthly : .once, method: .transfer, source: .private, language: .nl,
            wall: .firstName, now: Date())
        gift.reference = reference
        gift.donorEmail = email
        gift.donorName = email.map { _ in "Donateur Test" }
        try await gift.create(on: app.db)
        return gift
    }

    static func importFile(_ app: Application, _ name: String) async throws -> ImportStatement.Outcome {
        try await ImportStatement(app: app).run(.file(fixture(name)), fileName: name, by: nil)
    }

    static func importText(_ app: Application, _ text: String) async throws -> ImportStatement.Outcome {
        try await ImportStatement(app: app).run(.data(Data(text.utf8)), fileName: "test.xml", by: nil)
    }

    static func summary(_ outcome: ImportStatement.Outcome, file: StaticString = #filePath, line: UInt = #line) -> ImportStatement.Summary?
    {
        guard case .imported(let summary) = outcome else {
            XCTFail("refused: \(outcome)", file: file, line: line)
            return nil
        }
        return summary
    }

    static func status(of gift: Gift, _ app: Application) async throws -> String? {
        try await Gift.find(gift.id, on: app.db)?.status
    }

    /// The statement's credits (matched or queued), smallest first; debits apart.
    static func statementLines(_ app: Application) async throws -> [StatementLineRecord] {
        try await StatementLineRecord.query(on: app.db).filter(\.$status != "debit").sort(\.$amountCents).all()
    }

    static func debitLines(_ app: Application) async throws -> [StatementLineRecord] {
        try await StatementLineRecord.query(on: app.db).filter(\.$status == "debit").sort(\.$amountCents).all()
    }

    static func treasurer(_ app: Application) async throws -> (User, Browser) {
        let user = try await app.makeUser(name: "Penning Meester", email: "penning@example.nl", roles: [.treasurer])
        let browser = Browser(app)
        try await browser.logIn("penning@example.nl")
        return (user, browser)
    }

    /// A form with one file, as a browser posts it, the CSRF token in the form's action (the
    /// upload is streamed, so its body is not read for the token).
    static func upload(_ browser: Browser, path: String, file name: String, contents: Data) async throws -> XCTHTTPResponse {
        if browser.csrfToken == nil { try await browser.get("/") }
        let boundary = "kracht-test-boundary"
        var body = ByteBuffer()
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"statement\"; filename=\"\(name)\"\r\nContent-Type: application/xml\r\n\r\n"
        )
        body.writeBytes(contents)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await browser.post(
            path + "?_csrf=" + (browser.csrfToken ?? ""), rawBody: body,
            contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
    }
}

/// The personal data on a decided statement line goes after seven years; a queued line keeps it.
final class StatementRetentionTests: XCTestCase {
    func testDecidedLinesLoseTheirPersonalDataAfterSevenYears() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await StatementSupport.transferGift(app, reference: "RF95100000000006", cents: 3500)
            _ = try await StatementSupport.importFile(app, "mt940-ing.sta")
            let eightYearsOn = Date().addingTimeInterval(8 * 366 * 86_400)

            // MUT
            try await FundFeature().purgeExpired(now: eightYearsOn, app: app)

            // validation
            let lines = try await StatementSupport.statementLines(app)
            XCTAssertEqual(lines.map(\.status), ["queued", "queued", "matched"])
            XCTAssertEqual(lines.map { $0.nameSealed == nil }, [false, false, true])
            XCTAssertEqual(lines.map { $0.ibanLast4 == nil }, [false, false, true])
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
