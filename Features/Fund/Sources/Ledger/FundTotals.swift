import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// The fund's figures, maintained in the same transaction as every posting so that the
/// report and the home page read a handful of rows, never the ledger: per month and account
/// the sum and number of lines, and the counters (raised, donors). `verify` recounts them.
public enum FundTotals {
    public enum Counter: String, CaseIterable, Sendable {
        /// Donations minus refunds, in cents.
        case raisedCents = "raised_cents"
        /// People and organisations who gave at least once (by address or bank account).
        case donors
    }

    /// Adds lines to one month's total of one account (`Ledger.postAll` sums them first).
    static func addMonth(_ month: String, account: String, cents: Int64, lines: Int64, on db: any Database) async throws {
        try await db.sql.raw(
            """
            INSERT INTO fund_month_totals (month, account, cents, lines) VALUES (\(bind: month), \(bind: account), \(bind: cents), \(bind: lines))
            ON CONFLICT (month, account) DO UPDATE SET cents = fund_month_totals.cents + excluded.cents, lines = fund_month_totals.lines + excluded.lines
            """
        ).run()
    }

    public static func add(_ delta: Int64, to counter: Counter, on db: any Database) async throws {
        guard delta != 0 else { return }
        try await db.sql.raw("UPDATE fund_counters SET value = value + \(bind: delta) WHERE key = \(bind: counter.rawValue)").run()
    }

    public static func value(_ counter: Counter, on db: any Database) async throws -> Int64 {
        try await db.sql.raw("SELECT value FROM fund_counters WHERE key = \(bind: counter.rawValue)").first()?
            .decode(column: "value", as: Int64.self) ?? 0
    }

    public struct MonthTotal: Sendable, Equatable {
        public var month: String
        public var account: LedgerAccount
        public var cents: Int64
        public var lines: Int64
    }

    /// Every month's total per account, oldest first.
    public static func months(on db: any Database) async throws -> [MonthTotal] {
        try await db.sql.raw("SELECT month, account, cents, lines FROM fund_month_totals ORDER BY month, account").all().map {
            MonthTotal(
                month: try $0.decode(column: "month", as: String.self),
                account: LedgerAccount(rawValue: try $0.decode(column: "account", as: String.self)),
                cents: try $0.decode(column: "cents", as: Int64.self), lines: try $0.decode(column: "lines", as: Int64.self))
        }
    }

    /// What the maintained figures should be, counted from the ledger and the gifts; one line per difference.
    public static func verify(on db: any Database) async throws -> [String] {
        var problems: [String] = []
        let stored = try await months(on: db)
        let counted = try await db.sql.raw(
            """
            SELECT e.month AS month, l.account AS account, CAST(SUM(l.cents) AS BIGINT) AS cents, COUNT(*) AS lines
            FROM fund_ledger_lines l JOIN fund_ledger_entries e ON e.id = l.entry_id
            GROUP BY e.month, l.account ORDER BY e.month, l.account
            """
        ).all().map {
            MonthTotal(
                month: try $0.decode(column: "month", as: String.self),
                account: LedgerAccount(rawValue: try $0.decode(column: "account", as: String.self)),
                cents: try $0.decode(column: "cents", as: Int64.self), lines: try $0.decode(column: "lines", as: Int64.self))
        }
        if stored.filter({ $0.lines > 0 }) != counted {
            problems.append("fund monthly totals differ from the ledger (\(stored.count) stored rows, \(counted.count) counted)")
        }
        let raised = -counted.filter(\.account.countsAsRaised).reduce(0) { $0 + $1.cents }
        let storedRaised = try await value(.raisedCents, on: db)
        if raised != storedRaised { problems.append("fund raised counter is \(storedRaised) but the ledger says \(raised)") }
        let donors = try await db.sql.raw("SELECT COUNT(*) AS n FROM fund_donors").first()?.decode(column: "n", as: Int64.self) ?? 0
        let storedDonors = try await value(.donors, on: db)
        if donors != storedDonors { problems.append("fund donors counter is \(storedDonors) but \(donors) donors gave") }
        // Each campaign's total: its paid gifts minus what was paid back.
        let campaigns = try await db.sql.raw(
            """
            SELECT c.slug AS slug, c.raised_cents AS stored_cents, c.gifts AS stored_gifts,
                   CAST(COALESCE(SUM(g.amount_cents - g.refunded_cents), 0) AS BIGINT) AS cents, COUNT(g.id) AS gifts
            FROM fund_campaigns c LEFT JOIN fund_gifts g ON g.campaign_id = c.id AND g.status IN ('paid', 'refunded')
            GROUP BY c.id, c.slug, c.raised_cents, c.gifts
            """
        ).all()
        for row in campaigns {
            let slug = try row.decode(column: "slug", as: String.self)
            let (storedCents, cents) = (
                try row.decode(column: "stored_cents", as: Int64.self), try row.decode(column: "cents", as: Int64.self)
            )
            let (storedGifts, gifts) = (
                try row.decode(column: "stored_gifts", as: Int64.self), try row.decode(column: "gifts", as: Int64.self)
            )
            if storedCents != cents || storedGifts != gifts {
                problems.append(
                    "fund campaign '\(slug)' says \(storedCents) cents from \(storedGifts) gifts but its gifts add up to \(cents) from \(gifts)"
                )
            }
        }
        return problems
    }

    /// After a change to the figures: cached public numbers are read afresh.
    public static func changed(_ app: Application) {
        app.indicators.invalidate()
    }
}
