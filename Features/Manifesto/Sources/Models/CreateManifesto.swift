import Fluent
import KrachtCore
import SQLKit

struct CreateManifesto: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(ManifestoVersion.schema)
            .id()
            .field("number", .int, .required)
            .field("title_nl", .string, .required)
            .field("title_en", .string, .required)
            .field("body_nl", .string, .required)
            .field("body_en", .string, .required)
            .field("published_by_id", .uuid)
            .field("published_at", .datetime)
            .unique(on: "number")
            .create()
        try await db.schema(Signature.schema)
            .id()
            .field("created_at", .datetime, .required)
            .field("version_number", .int, .required)
            .field("name", .string, .required)
            .field("email", .string)
            .field("email_canonical", .string)
            .field("district", .string, .required)
            .field("postcode", .string)
            .field("show_name", .bool, .required)
            .field("newsletter", .bool, .required)
            .field("campaign", .string)
            .field("source", .string, .required)
            .field("paper_sheet", .string)
            .field("user_id", .uuid)
            .field("status", .string, .required)
            .field("token_hash", .string)
            .field("confirmed_at", .datetime)
            .field("last_mail_at", .datetime)
            .field("volunteer_interest", .bool, .required)
            .field("ip_hash", .string)
            .field("email_domain", .string)
            .create()
        // One living signature per mailbox; a voided one does not block signing again.
        try await db.sql.raw(
            """
            CREATE UNIQUE INDEX signatures_one_per_mailbox ON signatures (email_canonical)
            WHERE status IN ('pending', 'confirmed')
            """
        ).run()
        try await db.sql.raw("CREATE UNIQUE INDEX signatures_token ON signatures (token_hash)").run()
        // No index leads with the status: SQLite, without statistics, would take it for selective
        // and walk every pending signature to look one mailbox up.
        try await db.sql.raw("CREATE INDEX signatures_recent ON signatures (created_at)").run()
        try await db.sql.raw("CREATE INDEX signatures_latest ON signatures (confirmed_at)").run()
        try await db.sql.raw("CREATE TABLE manifesto_counters (key VARCHAR(20) PRIMARY KEY, value BIGINT NOT NULL)").run()
        try await db.sql.raw("INSERT INTO manifesto_counters (key, value) VALUES ('online', 0), ('paper', 0)").run()
        try await db.schema(FollowUp.schema)
            .id()
            .field("signature_id", .uuid, .required, .references(Signature.schema, "id", onDelete: .cascade))
            .field("campaign", .string)
            .field("action", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "signature_id", "action")
            .create()
        try await FirstVersion.make().create(on: db)
    }

    func revert(on db: any Database) async throws {
        try await db.sql.raw("DROP TABLE manifesto_counters").run()
        try await db.schema(FollowUp.schema).delete()
        try await db.schema(Signature.schema).delete()
        try await db.schema(ManifestoVersion.schema).delete()
    }
}
