import Fluent
import Foundation
import KrachtCore
import SQLKit

/// `kracht verify` for the ledger: it balances as a whole and entry by entry, and every paid
/// Mollie payment has exactly one posting.
enum LedgerVerify {
    static func problems(on db: any Database) async throws -> [String] {
        var problems: [String] = []
        let total =
            try await db.sql.raw("SELECT CAST(COALESCE(SUM(cents), 0) AS BIGINT) AS total FROM fund_ledger_lines").first()?
            .decode(column: "total", as: Int64.self) ?? 0
        if total != 0 { problems.append("fund ledger does not balance: its lines add up to \(total) cents") }
        let unbalanced = try await db.sql.raw(
            "SELECT entry_id FROM fund_ledger_lines GROUP BY entry_id HAVING SUM(cents) <> 0"
        ).all()
        for row in unbalanced.prefix(10) {
            problems.append("fund ledger entry \(try row.decode(column: "entry_id", as: UUID.self)) does not balance")
        }
        let empty = try await db.sql.raw(
            "SELECT e.id FROM fund_ledger_entries e WHERE NOT EXISTS (SELECT 1 FROM fund_ledger_lines l WHERE l.entry_id = e.id)"
        ).all()
        if !empty.isEmpty { problems.append("fund ledger has \(empty.count) entries without lines") }
        // Every gift paid through Mollie: exactly one posting of its payment.
        let mollie = try await db.sql.raw(
            """
            SELECT g.provider_payment_id AS payment, COUNT(e.id) AS postings FROM fund_gifts g
            LEFT JOIN fund_ledger_entries e ON e.kind = 'gift' AND e.cause_type = 'mollie_payment' AND e.cause_id = g.provider_payment_id
            WHERE g.provider_payment_id IS NOT NULL AND g.status IN ('paid', 'refunded')
            GROUP BY g.provider_payment_id HAVING COUNT(e.id) <> 1
            """
        ).all()
        for row in mollie.prefix(10) {
            let payment = try row.decode(column: "payment", as: String.self)
            let postings = try row.decode(column: "postings", as: Int64.self)
            problems.append("fund: paid Mollie payment \(payment) has \(postings) postings instead of one")
        }
        // And the other way round: no gift posting without a paid gift.
        let orphans =
            try await db.sql.raw(
                """
                SELECT COUNT(*) AS n FROM fund_ledger_entries e WHERE e.kind = 'gift' AND NOT EXISTS
                (SELECT 1 FROM fund_gifts g WHERE g.ledger_cause = e.cause_type || ':' || e.cause_id AND g.status IN ('paid', 'refunded'))
                """
            ).first()?.decode(column: "n", as: Int64.self) ?? 0
        if orphans > 0 { problems.append("fund ledger has \(orphans) gift postings without a paid gift") }
        return problems
    }
}
