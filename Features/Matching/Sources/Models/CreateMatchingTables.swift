import Fluent
import KrachtCore
import SQLKit

/// Profiles with their skills and domains, ideas with their domains and supporters, messages.
struct CreateMatchingTables: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(ResidentProfile.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("district", .string)
            .field("area", .string)
            .field("availability", .int, .required)
            .field("languages", .string, .required)
            .field("findable", .bool, .required)
            .field("digest", .bool, .required)
            .field("last_digest_at", .datetime)
            .field("updated_at", .datetime, .required)
            .unique(on: "user_id")
            .create()
        try await index("resident_profiles_findable", on: ResidentProfile.schema, ["findable", "district"], db)
        try await index("resident_profiles_digest", on: ResidentProfile.schema, ["digest"], db)
        try await db.schema(ProfileSkill.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("skill_id", .uuid, .required, .references("skills", "id"))
            .unique(on: "user_id", "skill_id")
            .create()
        try await index("profile_skills_skill", on: ProfileSkill.schema, ["skill_id", "user_id"], db)
        try await db.schema(ProfileDomain.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("domain", .string, .required)
            .unique(on: "user_id", "domain")
            .create()
        try await index("profile_domains_domain", on: ProfileDomain.schema, ["domain", "user_id"], db)

        try await db.schema(Idea.schema)
            .id()
            .field("author_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("district", .string)
            .field("area", .string)
            .field("status", .string, .required)
            .field("initiative_id", .uuid, .references("initiatives", "id", onDelete: .setNull))
            .field("supporter_count", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await index("ideas_status", on: Idea.schema, ["status", "created_at"], db)
        try await index("ideas_author", on: Idea.schema, ["author_id"], db)
        try await db.schema(IdeaDomain.schema)
            .id()
            .field("idea_id", .uuid, .required, .references(Idea.schema, "id", onDelete: .cascade))
            .field("domain", .string, .required)
            .unique(on: "idea_id", "domain")
            .create()
        try await db.schema(IdeaSupporter.schema)
            .id()
            .field("idea_id", .uuid, .required, .references(Idea.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "idea_id", "user_id")
            .create()
        try await index("idea_supporters_user", on: IdeaSupporter.schema, ["user_id"], db)

        try await db.schema(PlatformMessage.schema)
            .id()
            .field("conversation_id", .uuid, .required)
            .field("sender_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("recipient_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("topic", .string, .required)
            .field("topic_id", .uuid, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        try await index("platform_messages_conversation", on: PlatformMessage.schema, ["conversation_id", "created_at"], db)
        try await index("platform_messages_recipient", on: PlatformMessage.schema, ["recipient_id", "created_at"], db)
        try await index("platform_messages_sender", on: PlatformMessage.schema, ["sender_id", "created_at"], db)
    }

    func revert(on db: any Database) async throws {
        for schema in [
            PlatformMessage.schema, IdeaSupporter.schema, IdeaDomain.schema, Idea.schema, ProfileDomain.schema,
            ProfileSkill.schema, ResidentProfile.schema,
        ] {
            try await db.schema(schema).delete()
        }
    }

    private func index(_ name: String, on table: String, _ columns: [String], _ db: any Database) async throws {
        var builder = db.sql.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
