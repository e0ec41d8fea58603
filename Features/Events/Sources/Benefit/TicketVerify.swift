import Fluent
import Foundation
import KrachtCore
import SQLKit

/// `kracht verify` for paid tickets: every paid registration has exactly one `ticket` posting
/// of its Mollie payment in the fund's ledger, and every `ticket` posting a paid registration;
/// money that found no place (cancelled, expired, event called off) is marked refund due; every
/// refunded registration has exactly one `ticket_refund` posting of what was due, and every
/// `ticket_refund` posting a refunded registration.
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
        return problems + (try await refundProblems(on: db))
    }

    static func refundProblems(on db: any Database) async throws -> [String] {
        var problems: [String] = []
        let unmarked =
            try await db.sql.raw(
                """
                SELECT COUNT(*) AS n FROM event_registrations r JOIN events e ON e.id = r.event_id
                WHERE r.paid_cents > 0 AND r.refund_due_cents IS NULL AND (r.status IN ('cancelled', 'expired') OR e.status = 'cancelled')
                """
            ).first()?.decode(column: "n", as: Int64.self) ?? 0
        if unmarked > 0 { problems.append("events: \(unmarked) paid registrations without a place are not marked refund due") }
        // What each refund posting took from event income, by registration (the cause id).
        var posted: [UUID: (entries: Int64, cents: Int64)] = [:]
        var strays = 0
        let rows = try await db.sql.raw(
            """
            SELECT e.cause_id AS cause, COUNT(DISTINCT e.id) AS entries, CAST(SUM(l.cents) AS BIGINT) AS cents FROM fund_ledger_entries e
            JOIN fund_ledger_lines l ON l.entry_id = e.id AND l.account = 'event_income'
            WHERE e.kind = 'ticket_refund' GROUP BY e.cause_id
            """
        ).all()
        for row in rows {
            guard let id = UUID(uuidString: try row.decode(column: "cause", as: String.self)) else {
                strays += 1
                continue
            }
            posted[id] = (try row.decode(column: "entries", as: Int64.self), try row.decode(column: "cents", as: Int64.self))
        }
        let refunded = try await EventRegistration.query(on: db).filter(\.$refundedAt != nil).all()
        for registration in refunded {
            guard let id = registration.id else { continue }
            let posting = posted.removeValue(forKey: id)
            if posting?.entries != 1 || posting?.cents != registration.refundDueCents {
                problems.append("events: refunded registration \(id) has no single ticket_refund posting of what was due")
            }
        }
        strays += posted.count
        if strays > 0 { problems.append("events: \(strays) ticket_refund postings in the fund's ledger without a refunded registration") }
        return Array(problems.prefix(20))
    }
}
