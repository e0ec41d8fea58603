import Fluent
import Vapor

/// Who did what to whom, for actions that must be accountable (role changes, exports, voids, reads of sensitive data).
public final class AuditEvent: Model, @unchecked Sendable {
    public static let schema = "audit_events"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @Field(key: "action") public var action: String
    @Field(key: "subject") public var subject: String
    @Field(key: "details") public var details: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(actorID: UUID?, action: String, subject: String, details: String = "") {
        self.actorID = actorID
        self.action = action
        self.subject = subject
        self.details = details
    }

    public static func record(_ action: String, subject: String, details: String = "", by actorID: UUID?, on db: any Database)
        async throws
    {
        try await AuditEvent(actorID: actorID, action: action, subject: subject, details: details).create(on: db)
    }
}

struct CreateAuditEvents: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(AuditEvent.schema)
            .id()
            .field("actor_id", .uuid)
            .field("action", .string, .required)
            .field("subject", .string, .required)
            .field("details", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema(AuditEvent.schema).delete() }
}
