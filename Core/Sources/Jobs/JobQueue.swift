import Fluent
import SQLKit
import Vapor

/// What a job does, registered by the feature that owns it.
public struct JobDefinition: Sendable {
    public var kind: String
    public var maxAttempts: Int
    public var run: @Sendable (_ app: Application, _ payload: String) async throws -> Void

    public init(kind: String, maxAttempts: Int = 5, run: @escaping @Sendable (Application, String) async throws -> Void) {
        self.kind = kind
        self.maxAttempts = maxAttempts
        self.run = run
    }
}

/// A job enqueued once a day at `hour` (UTC), e.g. the retention purge or reminders.
public struct ScheduledJob: Sendable {
    public var kind: String
    public var hour: Int
    public init(kind: String, dailyAtHourUTC hour: Int) {
        self.kind = kind
        self.hour = hour
    }
}

public enum JobQueue {
    /// Adds a job; pass the transaction of the change that causes it. With a `uniqueKey`
    /// a second enqueue of the same key does nothing (returns false).
    @discardableResult
    public static func enqueue(
        _ kind: String, payload: String = "", runAt: Date, uniqueKey: String? = nil, maxAttempts: Int = 5,
        on db: any Database
    ) async throws -> Bool {
        let rows = try await db.sql.raw(
            """
            INSERT INTO jobs (id, kind, payload, unique_key, status, attempts, max_attempts, next_attempt_at, created_at)
            VALUES (\(bind: UUID()), \(bind: kind), \(bind: payload), \(bind: uniqueKey), 'queued', 0, \(bind: maxAttempts),
                    \(bind: runAt), \(bind: runAt))
            ON CONFLICT (unique_key) DO NOTHING RETURNING id
            """
        ).all()
        return !rows.isEmpty
    }
}
