import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// `kracht verify` for the fund's help: grants match the ledger, payouts theirs (`PayoutVerify`:
/// nothing paid beyond its grant), an erased case holds nothing personal any more, every
/// document has its file, and no grant was approved by the member who proposed it. Each problem
/// is one line, naming the case by its number (never a person).
enum FundHelpVerify {
    static func problems(app: Application) async throws -> [String] {
        let db = app.db
        var problems = try await grants(on: db)
        problems += try await erased(on: db)
        problems += try await fourEyes(on: db)
        problems += try await missingFiles(app: app, on: db)
        problems += try await PayoutVerify.problems(on: db)
        return problems
    }

    /// Each granted case has exactly its grant in the ledger (kind `grant`, its debit = granted,
    /// less a `grant_cancel` of what could no longer be paid),
    /// and no grant entry is without a granted case. (Paid beyond the grant: `PayoutVerify`.)
    static func grants(on db: any Database) async throws -> [String] {
        var ledger: [String: Int64] = [:]
        for row in try await db.sql.raw(
            """
            SELECT e.cause_id, CAST(SUM(CASE WHEN l.cents <= 0 THEN 0 WHEN e.kind = 'grant' THEN l.cents ELSE -l.cents END) AS BIGINT) AS cents
            FROM fund_ledger_entries e JOIN fund_ledger_lines l ON l.entry_id = e.id
            WHERE e.kind IN ('grant', 'grant_cancel') AND e.cause_type = 'support_application' GROUP BY e.cause_id
            """
        ).all() {
            ledger[try row.decode(column: "cause_id", as: String.self).lowercased()] = try row.decode(column: "cents", as: Int64.self)
        }
        var problems: [String] = []
        for row in try await db.sql.raw(
            "SELECT id, number, granted_cents FROM support_applications WHERE granted_cents IS NOT NULL"
        ).all() {
            let id = try row.decode(column: "id", as: UUID.self).uuidString.lowercased()
            let number = try row.decode(column: "number", as: String.self)
            let granted = try row.decode(column: "granted_cents", as: Int64?.self)
            guard let granted else { continue }
            switch ledger.removeValue(forKey: id) {
            case nil: problems.append("support case \(number): granted \(granted) cents, but the ledger has no grant entry")
            case let posted? where posted != granted:
                problems.append("support case \(number): granted \(granted) cents, the ledger's grant entry says \(posted)")
            default: break
            }
        }
        for cause in ledger.keys.sorted() { problems.append("ledger grant entry for support case \(cause), which has no granted amount") }
        return problems
    }

    /// An erased case keeps its anonymous record only: no sealed field, message text or document,
    /// no payee details, and no person key unless it was granted (`PersonKeys.outlastErasure`).
    static func erased(on db: any Database) async throws -> [String] {
        let checks: [(String, String)] = [
            (
                "still has sealed fields",
                "SELECT number FROM support_applications WHERE erased_at IS NOT NULL AND (name_sealed IS NOT NULL OR details_sealed IS NOT NULL OR status_token_sealed IS NOT NULL)"
            ),
            (
                "still has person keys without a grant",
                "SELECT DISTINCT a.number FROM support_applications a JOIN support_person_keys k ON k.application_id = a.id WHERE a.erased_at IS NOT NULL AND (a.granted_cents IS NULL OR a.granted_cents <= 0)"
            ),
            (
                "still has message texts",
                "SELECT DISTINCT a.number FROM support_applications a JOIN support_messages m ON m.application_id = a.id WHERE a.erased_at IS NOT NULL AND m.body_sealed IS NOT NULL"
            ),
            (
                "still has documents",
                "SELECT DISTINCT a.number FROM support_applications a JOIN support_documents d ON d.application_id = a.id WHERE a.erased_at IS NOT NULL"
            ),
            (
                "still has payee details",
                "SELECT DISTINCT a.number FROM support_applications a JOIN support_payouts p ON p.application_id = a.id WHERE a.erased_at IS NOT NULL AND p.payee_sealed IS NOT NULL AND p.state <> 'exported'"
            ),
        ]
        var problems: [String] = []
        for (what, sql) in checks {
            for row in try await db.sql.raw(SQLQueryString(stringLiteral: sql)).all() {
                problems.append("support case \(try row.decode(column: "number", as: String.self)) is erased but \(what)")
            }
        }
        return problems
    }

    /// Four eyes: a grant approved by the member who proposed it.
    static func fourEyes(on db: any Database) async throws -> [String] {
        try await db.sql.raw(
            """
            SELECT a.number FROM support_decisions d JOIN support_applications a ON a.id = d.application_id
            WHERE d.approved_by IS NOT NULL AND d.approved_by = d.proposed_by
            """
        ).all().map { "support case \(try $0.decode(column: "number", as: String.self)): a decision approved by its own proposer" }
    }

    /// Every document row has its sealed file in the data folder.
    static func missingFiles(app: Application, on db: any Database) async throws -> [String] {
        let folder = CaseDocuments.folder(app)
        return try await db.sql.raw(
            "SELECT a.number, d.stored_name FROM support_documents d JOIN support_applications a ON a.id = d.application_id"
        ).all().compactMap { row in
            let name = try row.decode(column: "stored_name", as: String.self)
            guard !FileManager.default.fileExists(atPath: folder + "/" + name) else { return nil }
            return "support case \(try row.decode(column: "number", as: String.self)): a document's file is missing"
        }
    }
}
