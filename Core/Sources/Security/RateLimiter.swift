import Fluent
import SQLKit
import Vapor

/// Counts hits per key in fixed windows, in the database so every app instance sees them.
public struct RateLimiter: Sendable {
    public let name: String
    public let limit: Int
    public let window: Int64  // seconds

    public init(name: String, limit: Int, window: Int64) {
        self.name = name
        self.limit = limit
        self.window = window
    }

    /// Counts one hit; returns false if this hit went over the limit.
    @discardableResult
    public func hit(_ key: String, now: Date, on db: any Database) async throws -> Bool {
        try await hits(key, count: 1, now: now, on: db) <= limit
    }

    /// Counts `count` hits at once (a negative count gives hits back); returns the window's total
    /// including them. One atomic statement, so concurrent callers each see a different total.
    public func hits(_ key: String, count: Int, now: Date, on db: any Database) async throws -> Int {
        let row = try await db.sql.raw(
            """
            INSERT INTO rate_limits (bucket, window_start, hits) VALUES (\(bind: bucket(key)), \(bind: windowStart(now)), \(bind: count))
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + \(bind: count) RETURNING hits
            """
        ).first()
        return try row?.decode(column: "hits", as: Int.self) ?? count
    }

    public func reset(_ key: String, now: Date, on db: any Database) async throws {
        try await db.sql.raw("DELETE FROM rate_limits WHERE bucket = \(bind: bucket(key))").run()
    }

    private func bucket(_ key: String) -> String { "\(name):\(key.prefix(300))" }
    private func windowStart(_ now: Date) -> Int64 { Int64(now.timeIntervalSince1970) / window * window }

    static func purge(before: Date, on db: any Database) async throws {
        try await db.sql.raw("DELETE FROM rate_limits WHERE window_start < \(bind: Int64(before.timeIntervalSince1970))").run()
    }
}

struct CreateRateLimits: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.sql.raw(
            """
            CREATE TABLE rate_limits (bucket VARCHAR(400) NOT NULL, window_start BIGINT NOT NULL,
            hits INTEGER NOT NULL, PRIMARY KEY (bucket, window_start))
            """
        ).run()
    }

    func revert(on db: any Database) async throws { try await db.sql.raw("DROP TABLE rate_limits").run() }
}
