import Fluent
import Foundation
import Fund
import KrachtCore
import SQLKit

/// The three limits a grant must stay within, read where they are kept: the fund's available
/// balance and this month's grants from the ledger's monthly totals (never by scanning lines),
/// and what one person was granted within the per-person period from the cases themselves.
enum GrantLimits {
    /// What the fund can spend: bank + Mollie + cash, minus grants not yet paid out and money
    /// that came in but is not known to be a gift. Liabilities are credits (negative), so the
    /// signed sum of these five accounts is exactly that.
    static func availableCents(on db: any Database) async throws -> Int64 {
        let accounts: Set<LedgerAccount> = [.bank, .mollie, .cash, .grantsPayable, .unmatched]
        return try await FundTotals.months(on: db).filter { accounts.contains($0.account) }.reduce(0) { $0 + $1.cents }
    }

    /// Granted in the calendar month (Amsterdam) of `date`: the grants debit `payouts:<category>`.
    static func grantedInMonthCents(of date: Date, on db: any Database) async throws -> Int64 {
        let month = AmsterdamTime.month(of: date)
        return try await FundTotals.months(on: db).filter { $0.month == month && $0.account.rawValue.hasPrefix("payouts:") }
            .reduce(0) { $0 + $1.cents }
    }

    /// Granted to the person behind `others` (their earlier cases) within `days` before `date`.
    static func grantedToPersonCents(cases others: [SupportApplication], days: Int, before date: Date) -> Int64 {
        let since = date.addingTimeInterval(-Double(days) * 86_400)
        return others.filter { ($0.decidedAt ?? .distantPast) >= since }.reduce(0) { $0 + ($1.grantedCents ?? 0) }
    }

    /// Grants are checked against totals every approval changes: on PostgreSQL two approvals of
    /// different cases take turns here (SQLite's write transactions already do).
    static func serialize(on db: any Database) async throws {
        guard db.isPostgres else { return }
        try await db.sql.raw("SELECT pg_advisory_xact_lock(\(bind: Int64(0x4B56_4D47)))").run()
    }
}

/// Optimistic concurrency on a case: a change claims the revision the member saw, and only one
/// claim of a revision succeeds (`UPDATE … WHERE id = ? AND revision = ?`).
enum CaseRevision {
    /// Bumps the case's revision if it still is `expected`; false if someone changed it meanwhile.
    static func claim(_ application: SupportApplication, expected: Int, on db: any Database) async throws -> Bool {
        let id = try application.requireID()
        let rows = try await db.sql.raw(
            """
            UPDATE support_applications SET revision = revision + 1
            WHERE id = \(bind: id) AND revision = \(bind: expected) RETURNING revision
            """
        ).all()
        guard rows.count == 1 else { return false }
        application.revision = expected + 1
        return true
    }
}
