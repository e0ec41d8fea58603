import Fluent
import Vapor

/// A message waiting to go out. It is written in the same transaction as the change
/// that causes it, so a mail is never sent for a change that was rolled back, nor lost
/// for one that was kept.
public final class OutboxMessage: Model, @unchecked Sendable {
    public static let schema = "outbox_messages"

    public enum Status: String, Sendable { case pending, sent, failed }

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    // data fields
    @Field(key: "recipient") public var recipient: String
    @Field(key: "subject") public var subject: String
    /// What to render at delivery: the mail view, its context and the language. The context
    /// (JSON, with the working links) is sealed with `app.sealer` and erased once the message
    /// is sent or has failed for good, so neither the table nor a backup holds a usable link.
    @Field(key: "view") public var view: String
    @Field(key: "context") public var context: String
    @Field(key: "language") public var language: String
    @OptionalField(key: "list_unsubscribe") public var listUnsubscribe: String?

    // delivery
    @Field(key: "status") public var status: String
    @Field(key: "attempts") public var attempts: Int
    /// When to try next; for a failed message, when it was last tried (the purge counts from it).
    @Field(key: "next_attempt_at") public var nextAttemptAt: Date
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    @OptionalField(key: "locked_by") public var lockedBy: String?
    @OptionalField(key: "last_error") public var lastError: String?
    @OptionalField(key: "sent_at") public var sentAt: Date?

    public init() {}

}

struct CreateOutboxMessages: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(OutboxMessage.schema)
            .id()
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("view", .string, .required)
            .field("context", .string, .required)
            .field("language", .string, .required)
            .field("list_unsubscribe", .string)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("locked_until", .datetime)
            .field("locked_by", .string)
            .field("last_error", .string)
            .field("sent_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await db.sql.raw("CREATE INDEX outbox_due ON outbox_messages (status, next_attempt_at)").run()
    }

    func revert(on db: any Database) async throws { try await db.schema(OutboxMessage.schema).delete() }
}
