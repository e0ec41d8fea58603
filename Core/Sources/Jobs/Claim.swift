import Fluent
import SQLKit
import Vapor

/// Claims due rows of a work table (jobs, outbox) for this instance in one statement.
/// On PostgreSQL `FOR UPDATE SKIP LOCKED` lets instances claim side by side without
/// waiting or double-claiming; SQLite has one writer at a time, which gives the same.
enum Claim {
    static func claim(
        table: String, where condition: String, now: Date, lease: TimeInterval, limit: Int, by instance: String,
        on db: any Database
    ) async throws -> [UUID] {
        let lock = db.isPostgres ? " FOR UPDATE SKIP LOCKED" : ""
        let query = SQLQueryString(
            """
            UPDATE \(unsafeRaw: table) SET locked_until = \(bind: now.addingTimeInterval(lease)), locked_by = \(bind: instance)
            WHERE id IN (SELECT id FROM \(unsafeRaw: table) WHERE \(unsafeRaw: condition)\(bind: now)
              AND (locked_until IS NULL OR locked_until < \(bind: now))
              ORDER BY next_attempt_at LIMIT \(unsafeRaw: String(limit))\(unsafeRaw: lock))
            RETURNING id
            """)
        return try await db.sql.raw(query).all().map { try $0.decode(column: "id", as: UUID.self) }
    }
}
