import Fluent
import Foundation
import KrachtCore
import SQLKit

/// `kracht verify` for paid tickets: every paid registration has exactly one `ticket` posting
/// of its Mollie payment in the fund's ledger, and every `ticket` posting a paid registration.
enum TicketVerify {
    static func problems(on db: any Database) async throws -> [String] {
        var problems: [String] = []
        let postings = try await db.sql.raw(
            """
            SELECT r.id AS registration, COUNT(e.id) AS postings FROM event_registrations r
            LEFT JOIN fund_ledger_entries e ON e.kind = 'ticket' AND e.cause_type = 'mollie_payment' AND e.cause_id = r.payment_id
            WHERE r.paid_cents > 0 GROUP BY r.id HAVING COUNT(e.id) <> 1
            """
        ).all()
        for row in postings.prefix(10) {
            let id = try row.decode(column: "registration", as: UUID.self)
            let count = try row.decode(column: "postings", as: Int64.self)
            problems.append("events: paid registration \(id) has \(count) ticket postings instead of one")
        }
        let orphans =
            try await db.sql.raw(
                """
                SELECT COUNT(*) AS n FROM fund_ledger_entries e WHERE e.kind = 'ticket' AND NOT EXISTS
                (SELECT 1 FROM event_registrations r WHERE r.payment_id = e.cause_id AND r.paid_cents > 0)
                """
            ).first()?.decode(column: "n", as: Int64.self) ?? 0
        if orphans > 0 { problems.append("events: \(orphans) ticket postings in the fund's ledger without a paid registration") }
        return problems
    }
}
