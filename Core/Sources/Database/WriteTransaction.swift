import Fluent
import SQLKit

extension Database {
    /// A transaction that reads and then writes. SQLite starts transactions as readers, and a
    /// reader that wants to write after another connection committed fails at once instead of
    /// waiting (SQLITE_BUSY_SNAPSHOT); taking the write lock first makes it wait its turn.
    /// PostgreSQL needs nothing extra.
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await transaction { db in
            if !db.isPostgres { try await db.sql.raw("UPDATE write_gate SET n = n + 1 WHERE id = 1").run() }
            return try await body(db)
        }
    }
}

struct CreateWriteGate: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.sql.raw("CREATE TABLE write_gate (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)").run()
        try await db.sql.raw("INSERT INTO write_gate (id, n) VALUES (1, 0)").run()
    }

    func revert(on db: any Database) async throws { try await db.sql.raw("DROP TABLE write_gate").run() }
}
