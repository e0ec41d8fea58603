import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import XCTVapor
import XCTest

@testable import Fund

/// The annual statement for the gift deduction: signed in, or from the mailed link, which is
/// signed, bound to one year and one donor, and expires.
final class AnnualStatementTests: XCTestCase {
    /// Fatima's gifts: two this year (one partly paid back), one last year; and Daan's.
    /// This year, so that the January mailing (next year) finds them.
    private let year = AnnualStatement.year(of: Date())

    private func fatimasGifts(_ app: Application) async throws -> Gift {
        let first = try await ReportTestGifts.pay(app, cents: 2500, on: "\(year)-01-01", email: "fatima@example.nl")
        try await ReportTestGifts.pay(app, cents: 4000, on: "\(year)-09-15", method: .transfer, into: .bank, email: "fatima@example.nl")
        try await ReportTestGifts.pay(app, cents: 7700, on: "\(year - 1)-12-20", email: "fatima@example.nl")
        try await ReportTestGifts.pay(app, cents: 9999, on: "\(year)-01-02", email: "daan@example.nl")
        try await ReportTestGifts.refund(app, first, cents: 500, on: "\(year)-01-03")
        return first
    }

    func testTheStatementListsTheYearsPaidGiftsLessRefunds() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            _ = try await fatimasGifts(app)
            _ = try await app.makeUser(name: "Fatima", email: "fatima@example.nl")
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")
            setenv("KRACHT_FUND_RSIN", "123456789", 1)
            defer { unsetenv("KRACHT_FUND_RSIN") }

            // MUT
            let page = try await browser.get("/fonds/jaaroverzicht/\(year)")

            // validation
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("Jaaroverzicht giften \(year)"))
            XCTAssertTrue(html.contains("1 januari \(year)"))
            XCTAssertTrue(html.contains("15 september \(year)"))
            XCTAssertTrue(html.contains("Bankoverschrijving"))
            XCTAssertTrue(html.contains("-€ 5,00"), "the refund")
            XCTAssertTrue(html.contains("€ 60,00"), "the total: 25 - 5 + 40")
            XCTAssertFalse(html.contains("€ 77,00"), "a gift of another year")
            XCTAssertFalse(html.contains("€ 99,99"), "someone else's gift")
            XCTAssertTrue(html.contains("Belastingdienst"))
            XCTAssertTrue(html.contains("Stichting De Kracht van Mokum"))
            XCTAssertTrue(html.contains("RSIN 123456789"))
            XCTAssertEqual(page.headers.first(name: .cacheControl), "no-store")
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testTheMailedLinkShowsThatDonorsYearAndNothingElse() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let gift = try await fatimasGifts(app)
            let key = try XCTUnwrap(gift.donorKey)
            let secret = app.config.secretKey
            let token = StatementLink.token(year: year, donorKey: key, key: secret)
            let browser = Browser(app)

            // MUT
            let page = try await browser.get("/fonds/jaaroverzicht/link/\(token)")
            let otherYear = try await browser.get(
                "/fonds/jaaroverzicht/link/" + token.replacingOccurrences(of: "\(year)-", with: "\(year - 1)-"))
            let forged = try await browser.get("/fonds/jaaroverzicht/link/\(year)-\(key)-" + String(repeating: "0", count: 64))
            let garbage = try await browser.get("/fonds/jaaroverzicht/link/nonsense")
            let expired = try await browser.get(
                "/fonds/jaaroverzicht/link/" + StatementLink.token(year: year - 2, donorKey: key, key: secret))

            // validation
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("€ 60,00"))
            XCTAssertTrue(page.body.string.contains("fatima@example.nl"))
            XCTAssertFalse(page.body.string.contains("€ 77,00"))
            XCTAssertEqual(otherYear.status, .forbidden)
            XCTAssertEqual(forged.status, .forbidden)
            XCTAssertEqual(garbage.status, .forbidden)
            XCTAssertEqual(expired.status, .notFound)
        }
    }

    func testALinkWorksUntilTheEndOfTheFollowingYear() {
        // setup
        let secret = testConfig(dataDirectory: "/tmp").secretKey
        let token = StatementLink.token(year: 2026, donorKey: "i1.abc", key: secret)

        // MUT + validation
        XCTAssertEqual(
            StatementLink.check(token, now: ReportTestGifts.day("2027-12-31"), key: secret), .valid(year: 2026, donorKey: "i1.abc"))
        XCTAssertEqual(StatementLink.check(token, now: ReportTestGifts.day("2028-01-01"), key: secret), .expired)
        XCTAssertEqual(StatementLink.check(token + "0", now: ReportTestGifts.day("2027-01-01"), key: secret), .forged)
    }

    func testInJanuaryEveryDonorOfLastYearIsMailedTheirLinkOnce() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            _ = try await fatimasGifts(app)
            let december = try await MailAnnualStatements.run(app)
            let now = app.clock.now()
            let january = AnnualStatement.range(of: AnnualStatement.year(of: now)).upperBound.addingTimeInterval(86400)
            app.clock.advance(by: january.timeIntervalSince(now))
            try await OutboxMessage.query(on: app.db).delete()

            // MUT
            let first = try await MailAnnualStatements.run(app)
            let again = try await MailAnnualStatements.run(app)

            // validation
            XCTAssertEqual(december, 0, "only in January")
            XCTAssertEqual(first, 2, "Fatima and Daan gave last year")
            XCTAssertEqual(again, 0, "each donor once")
            let mails = try await OutboxMessage.query(on: app.db).sort(\.$recipient).all()
            XCTAssertEqual(mails.map(\.recipient), ["daan@example.nl", "fatima@example.nl"])
            _ = try await app.mailer.render(mails[1])  // its views and texts are there
            let opened = try app.sealer.open(mails[1].context, context: "outbox")
            let context = try JSONDecoder().decode([String: String].self, from: Data(opened.utf8))
            let link = try XCTUnwrap(context["link"]?.replacingOccurrences(of: app.config.baseURL, with: ""))
            XCTAssertTrue(link.hasPrefix("/fonds/jaaroverzicht/link/\(year)-"))
            let page = try await Browser(app).get(link)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("€ 60,00"))
        }
    }
}
