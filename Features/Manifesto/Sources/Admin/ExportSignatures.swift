import Fluent
import KrachtCore
import SQLKit
import Vapor

/// Confirmed signatures as a CSV for Dutch Excel (Core's `CSVExport`), only with a reason,
/// which is logged. Read in keyset-paginated batches and written as they are read, so a
/// million signatures export in the memory of one batch. A signer's own share code is written
/// as its group, `deel`: the code would tie each signer to the people who signed through it.
struct ExportSignatures: Sendable {
    enum Outcome: Sendable, Equatable { case allowed, reasonMissing }

    static let header = [
        "bevestigd_op", "naam", "email", "stadsdeel", "postcode", "campagne", "bron", "papieren_lijst",
        "versie", "nieuwsbrief",
    ]
    static let batchSize = 1_000

    let app: Application

    /// Checks and logs the reason; only then may `stream` run.
    func authorise(by coordinator: User, reason raw: String?) async throws -> Outcome {
        let reason = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (10...500).contains(reason.count) else { return .reasonMissing }
        try await AuditEvent.record("manifesto.export", subject: "signatures", details: reason, by: coordinator.id, on: app.db)
        return .allowed
    }

    /// Every confirmed signature in order of confirmation (then id), batch after batch.
    func stream(batchSize: Int = Self.batchSize, _ write: @Sendable ([[CSVCell]]) async throws -> Void) async throws {
        var after: Position?
        repeat {
            let rows = try await batch(after: after, limit: batchSize)
            if !rows.isEmpty { try await write(rows.map(\.cells)) }
            after = rows.count == batchSize ? rows.last?.position : nil
        } while after != nil
    }

    /// Where the last batch ended: its confirmation time exactly as stored (SQLite's number,
    /// PostgreSQL's text; a `Date` round trip can move it by a microsecond) and its id.
    struct Position: Sendable {
        var at: any Encodable & Sendable
        var id: UUID
    }

    private struct Row {
        var cells: [CSVCell]
        var position: Position
    }

    private func batch(after: Position?, limit: Int) async throws -> [Row] {
        let db = app.db
        let postgres = db.isPostgres
        var sql: SQLQueryString = """
            SELECT id, confirmed_at, name, email, district, postcode, \(CampaignFigures.group()) AS campaign, source, paper_sheet,
            version_number, newsletter,
            \(unsafeRaw: postgres ? "CAST(confirmed_at AS TEXT)" : "confirmed_at") AS position
            FROM signatures WHERE status = 'confirmed'
            """
        if let after {
            let at: SQLQueryString = postgres ? "CAST(\(bind: after.at) AS TIMESTAMPTZ)" : "\(bind: after.at)"
            // The first condition alone lets the index on confirmed_at find where to go on.
            sql += " AND confirmed_at >= \(at) AND (confirmed_at > \(at) OR id > \(bind: after.id))"
        }
        sql += " ORDER BY confirmed_at, id LIMIT \(literal: limit)"
        return try await db.sql.raw(sql).all().map { row in
            let at: any Encodable & Sendable =
                postgres
                ? try row.decode(column: "position", as: String.self) : try row.decode(column: "position", as: Double.self)
            let text = { (column: String) in try row.decode(column: column, as: String?.self) ?? "" }
            return Row(
                cells: [
                    .time(try row.decode(column: "confirmed_at", as: Date?.self)), .text(try text("name")), .text(try text("email")),
                    .text(try text("district")), .text(try text("postcode")), .text(try text("campaign")), .text(try text("source")),
                    .text(try text("paper_sheet")), .integer(Int64(try row.decode(column: "version_number", as: Int.self))),
                    .text(try row.decode(column: "newsletter", as: Bool.self) ? "ja" : "nee"),
                ],
                position: Position(at: at, id: try row.decode(column: "id", as: UUID.self)))
        }
    }
}
