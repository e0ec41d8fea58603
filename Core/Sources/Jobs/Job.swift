import Fluent
import Vapor

/// A unit of background work, run once by whichever app instance claims it first.
public final class Job: Model, @unchecked Sendable {
    public static let schema = "jobs"

    public enum Status: String, Sendable { case queued, done, failed }

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    // data fields
    @Field(key: "kind") public var kind: String
    @Field(key: "payload") public var payload: String
    /// Set for scheduled runs ("retention.purge@2026-11-23") so only one instance enqueues each.
    @OptionalField(key: "unique_key") public var uniqueKey: String?

    // execution
    @Field(key: "status") public var status: String
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "max_attempts") public var maxAttempts: Int
    @Field(key: "next_attempt_at") public var nextAttemptAt: Date
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    @OptionalField(key: "locked_by") public var lockedBy: String?
    @OptionalField(key: "last_error") public var lastError: String?
    @OptionalField(key: "finished_at") public var finishedAt: Date?

    public init() {}
}

struct CreateJobs: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Job.schema)
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("unique_key", .string)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("locked_until", .datetime)
            .field("locked_by", .string)
            .field("last_error", .string)
            .field("finished_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "unique_key")
            .create()
        try await db.sql.raw("CREATE INDEX jobs_due ON jobs (status, next_attempt_at)").run()
    }

    func revert(on db: any Database) async throws { try await db.schema(Job.schema).delete() }
}
