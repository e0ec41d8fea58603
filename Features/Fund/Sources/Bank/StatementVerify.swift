import Fluent
import KrachtCore
import SQLKit

/// `kracht verify` for the statements: every matched or assigned line has exactly one `gift`
/// posting, every line that went through the queue exactly one `unmatched_credit` posting (and
/// one `internal_transfer` when it was the fund's own money), every debit one `bank_debit`
/// posting, and no posting names a statement line that is not there.
enum StatementVerify {
    static func problems(on db: any Database) async throws -> [String] {
        var problems: [String] = []
        let rows = try await db.sql.raw(
            """
            SELECT line_key, status, gifts, unmatched, debits, transfers FROM (
                SELECT s.line_key AS line_key, s.status AS status,
                    (SELECT COUNT(*) FROM fund_ledger_entries e WHERE e.kind = 'gift' AND e.cause_type = 'statement_line' AND e.cause_id = s.line_key) AS gifts,
                    (SELECT COUNT(*) FROM fund_ledger_entries e WHERE e.kind = 'unmatched_credit' AND e.cause_type = 'statement_line' AND e.cause_id = s.line_key) AS unmatched,
                    (SELECT COUNT(*) FROM fund_ledger_entries e WHERE e.kind = 'bank_debit' AND e.cause_type = 'statement_line' AND e.cause_id = s.line_key) AS debits,
                    (SELECT COUNT(*) FROM fund_ledger_entries e WHERE e.kind = 'internal_transfer' AND e.cause_type = 'statement_line' AND e.cause_id = s.line_key) AS transfers
                FROM fund_statement_lines s) counted
            WHERE gifts <> CASE WHEN status IN ('matched', 'assigned', 'anonymous') THEN 1 ELSE 0 END
               OR unmatched <> CASE WHEN status IN ('queued', 'assigned', 'anonymous', 'internal') THEN 1 ELSE 0 END
               OR debits <> CASE WHEN status = 'debit' THEN 1 ELSE 0 END
               OR transfers <> CASE WHEN status = 'internal' THEN 1 ELSE 0 END
            """
        ).all()
        for row in rows.prefix(10) {
            let key = try row.decode(column: "line_key", as: String.self)
            let status = try row.decode(column: "status", as: String.self)
            let counts = try ["gifts", "unmatched", "debits", "transfers"].map { "\(try row.decode(column: $0, as: Int64.self)) \($0)" }
            problems.append("fund: \(status) statement line \(key.prefix(12)) has postings: \(counts.joined(separator: ", "))")
        }
        if rows.count > 10 { problems.append("fund: and \(rows.count - 10) more statement lines with wrong postings") }
        let orphans =
            try await db.sql.raw(
                """
                SELECT COUNT(*) AS n FROM fund_ledger_entries e WHERE e.cause_type = 'statement_line'
                AND NOT EXISTS (SELECT 1 FROM fund_statement_lines s WHERE s.line_key = e.cause_id)
                """
            ).first()?.decode(column: "n", as: Int64.self) ?? 0
        if orphans > 0 { problems.append("fund ledger has \(orphans) statement-line postings without their line") }
        return problems
    }
}
