import Fluent
import KrachtCore
import SQLKit

/// `kracht verify` for the statements: every matched or assigned line has exactly one `gift`
/// posting, every line that went through the queue exactly one `unmatched_credit` posting, and
/// no posting names a statement line that is not there.
enum StatementVerify {
    static func problems(on db: any Database) async throws -> [String] {
        var problems: [String] = []
        let rows = try await db.sql.raw(
            """
            SELECT line_key, status, gifts, unmatched FROM (
                SELECT s.line_key AS line_key, s.status AS status,
                    (SELECT COUNT(*) FROM fund_ledger_entries e WHERE e.kind = 'gift' AND e.cause_type = 'statement_line' AND e.cause_id = s.line_key) AS gifts,
                    (SELECT COUNT(*) FROM fund_ledger_entries e WHERE e.kind = 'unmatched_credit' AND e.cause_type = 'statement_line' AND e.cause_id = s.line_key) AS unmatched
                FROM fund_statement_lines s) counted
            WHERE gifts <> CASE WHEN status = 'queued' THEN 0 ELSE 1 END
               OR unmatched <> CASE WHEN status = 'matched' THEN 0 ELSE 1 END
            """
        ).all()
        for row in rows.prefix(10) {
            let key = try row.decode(column: "line_key", as: String.self)
            let status = try row.decode(column: "status", as: String.self)
            let gifts = try row.decode(column: "gifts", as: Int64.self)
            let unmatched = try row.decode(column: "unmatched", as: Int64.self)
            problems.append(
                "fund: \(status) statement line \(key.prefix(12)) has \(gifts) gift and \(unmatched) unmatched_credit postings")
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
