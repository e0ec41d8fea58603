import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

/// SQLite (one file under the data folder) unless `DATABASE_URL` names PostgreSQL.
public enum DatabaseSetup {
    public static func configure(_ app: Application, config: AppConfig) throws {
        if let url = config.databaseURL, url.hasPrefix("postgres") {
            var postgres = try SQLPostgresConfiguration(url: url)
            postgres.searchPath = nil
            app.databases.use(.postgres(configuration: postgres, maxConnectionsPerEventLoop: 8), as: .psql)
        } else {
            let path = config.databaseURL.map { $0.replacingOccurrences(of: "sqlite://", with: "") } ?? config.sqlitePath
            if path != ":memory:" {
                // Made private before SQLite opens it: its -wal and -shm files take its mode.
                try PrivateFiles.makeDirectory(PrivateFiles.folder(of: path))
                if try !PrivateFiles.createEmpty(path) { try PrivateFiles.restrict([path, path + "-wal", path + "-shm"]) }
            }
            app.databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlite)
        }
    }

    /// SQLite keeps one connection per event loop; each needs its pragmas. WAL lets
    /// readers run beside the writer, `busy_timeout` makes a second writer wait rather
    /// than spin, and `synchronous` trades durability for speed as configured.
    public static func prepareConnections(_ app: Application, config: AppConfig) async throws {
        guard isSQLite(app.db) else { return }
        for eventLoop in app.eventLoopGroup.makeIterator() {
            let db = app.databases.database(logger: app.logger, on: eventLoop)!
            guard let sql = db as? any SQLDatabase else { continue }
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            try await sql.raw("PRAGMA busy_timeout=5000").run()
            try await sql.raw(SQLQueryString("PRAGMA synchronous=\(unsafeRaw: config.sqliteSynchronous)")).run()
            try await sql.raw("PRAGMA foreign_keys=ON").run()
            // Checkpoint the WAL less often than every 1,000 pages: a checkpoint runs inside
            // the commit that triggers it, and a spike of sign-ups commits constantly.
            try await sql.raw("PRAGMA wal_autocheckpoint=4000").run()
        }
    }

    /// A consistent copy of the SQLite database while the server runs (`VACUUM INTO`), with
    /// mode 0600 (in a new folder, 0700). The file must not exist; false if it does.
    public static func backup(_ app: Application, to file: String) async throws -> Bool {
        try PrivateFiles.makeDirectory(PrivateFiles.folder(of: file))
        // VACUUM INTO accepts an empty file; creating it first fixes its mode.
        guard try PrivateFiles.createEmpty(file) else { return false }
        do {
            try await app.db.sql.raw("VACUUM INTO \(bind: file)").run()
        } catch {
            try? FileManager.default.removeItem(atPath: file)
            throw error
        }
        return true
    }

    public static func isSQLite(_ db: any Database) -> Bool {
        (db as? any SQLDatabase)?.dialect.name == "sqlite"
    }
}

extension Database {
    /// Raw SQL for the few statements Fluent cannot express (upserts, claims with RETURNING).
    public var sql: any SQLDatabase { self as! any SQLDatabase }
    public var isPostgres: Bool { sql.dialect.name == "postgresql" }
}
