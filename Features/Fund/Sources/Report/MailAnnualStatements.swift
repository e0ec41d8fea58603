import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// In January, every donor of last year who left an address gets a link to their annual
/// statement — once: the job runs daily all month, and `fund_annual_mailings` remembers who
/// was mailed (by the keyed hash of their address, nothing more).
enum MailAnnualStatements {
    static let kind = "fund.annual_statements"

    /// Mails what is due; returns how many mails went into the outbox.
    @discardableResult
    static func run(_ app: Application) async throws -> Int {
        let now = app.clock.now()
        guard AmsterdamTime.calendar.component(.month, from: now) == 1 else { return 0 }
        let year = AnnualStatement.year(of: now) - 1
        let range = AnnualStatement.range(of: year)
        let gifts = try await Gift.query(on: app.db).filter(\.$donorKey != nil).filter(\.$donorEmail != nil)
            .filter(\.$status ~~ [Gift.Status.paid.rawValue, Gift.Status.refunded.rawValue])
            .filter(\.$paidAt >= range.lowerBound).filter(\.$paidAt < range.upperBound).sort(\.$paidAt).all()
        // Donors mailed on an earlier day of this January are skipped before any transaction.
        let done = Set(
            try await app.db.sql.raw("SELECT donor_key FROM fund_annual_mailings WHERE year = \(bind: year)").all()
                .map { try $0.decode(column: "donor_key", as: String.self) })
        var mailed = 0
        for donorGifts in Dictionary(grouping: gifts, by: { $0.donorKey ?? "" }).values where !done.contains(donorGifts[0].donorKey ?? "") {
            if try await mail(AnnualStatement(year: year, gifts: donorGifts), latest: donorGifts[donorGifts.count - 1], app: app) {
                mailed += 1
            }
        }
        return mailed
    }

    /// One donor, in one transaction: remembered and mailed together, or neither.
    private static func mail(_ statement: AnnualStatement, latest gift: Gift, app: Application) async throws -> Bool {
        guard let key = gift.donorKey, let email = gift.donorEmail, statement.totalCents > 0 else { return false }
        let language = gift.giftLanguage
        let link = FundPath.annualStatementByLink(
            .value(StatementLink.token(year: statement.year, donorKey: key, key: app.config.secretKey))
        ).url(on: app)
        return try await app.db.writeTransaction { db in
            let inserted = try await db.sql.raw(
                """
                INSERT INTO fund_annual_mailings (year, donor_key, mailed_at) VALUES (\(bind: statement.year), \(bind: key), \(bind: app.clock.now()))
                ON CONFLICT (year, donor_key) DO NOTHING RETURNING year
                """
            ).all()
            guard !inserted.isEmpty else { return false }
            try await app.mailer.enqueue(
                to: email, language: language, subjectKey: "fund.mail.annual.subject", subjectArguments: ["year": String(statement.year)],
                view: "fund/mail/annual-statement",
                context: [
                    "name": statement.donorName ?? "", "year": String(statement.year),
                    "total": Money.format(cents: statement.totalCents, in: language), "until": String(statement.year + 1),
                    "link": link, "baseURL": app.config.baseURL,
                ], on: db)
            return true
        }
    }
}

/// Who got last year's statement link, and an index to find a donor's gifts by their key.
struct CreateAnnualStatementMailings: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let time = db.isPostgres ? "TIMESTAMPTZ" : "TIMESTAMP"
        try await db.sql.raw(
            """
            CREATE TABLE fund_annual_mailings (
                year INTEGER NOT NULL, donor_key TEXT NOT NULL, mailed_at \(unsafeRaw: time) NOT NULL, PRIMARY KEY (year, donor_key))
            """
        ).run()
        try await db.sql.raw("CREATE INDEX fund_gifts_donor_key ON fund_gifts (donor_key, paid_at)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.sql.raw("DROP INDEX fund_gifts_donor_key").run()
        try await db.sql.raw("DROP TABLE fund_annual_mailings").run()
    }
}
