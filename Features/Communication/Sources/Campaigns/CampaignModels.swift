import Fluent
import KrachtCore
import SQLKit
import Vapor

/// One of the movement's campaigns in the movement-wide register: it groups the `ref` codes of
/// every feature (the manifesto's campaign codes, the fund's campaign slugs, codes in event and
/// newsletter links), and its results are counted live over those codes (`CampaignResults`).
/// The manifesto keeps its own register of poster codes and the fund its campaigns; this one
/// says which of their codes belong to one campaign of the movement.
final class MovementCampaign: Model, @unchecked Sendable {
    static let schema = "campaign_register"

    enum Kind: String, CaseIterable, Codable, Sendable { case storytelling, media, fundraising, signing }

    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "description") var description: String
    /// Days in Amsterdam, `2025-03-01`; the end is optional and never before the start.
    @Field(key: "starts_on") var startsOn: String
    @OptionalField(key: "ends_on") var endsOn: String?
    @Children(for: \.$campaign) var codes: [CampaignCode]

    init() {}

    /// Whether any of it falls in `year`.
    func overlaps(year: Int) -> Bool {
        startsOn <= "\(year)-12-31" && (endsOn.map { $0 >= "\(year)-01-01" } ?? true)
    }
}

/// A `ref` code of a campaign: unique over the whole register (one code, one campaign).
final class CampaignCode: Model, @unchecked Sendable {
    static let schema = "campaign_codes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "campaign_id") var campaign: MovementCampaign
    @Field(key: "code") var code: String

    init() {}

    init(campaignID: UUID, code: String) {
        self.id = UUID()
        self.$campaign.id = campaignID
        self.code = code
    }

    /// Lowercase letters, digits and hyphens, 2 to 40 of them: safe in every link as it is.
    static func isWellFormed(_ code: String) -> Bool {
        (2...40).contains(code.count)
            && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// A partner organisation of the movement: nothing personal (no contact persons).
final class Partner: Model, @unchecked Sendable {
    static let schema = "partner_register"

    enum Kind: String, CaseIterable, Codable, Sendable {
        case residents, foundation, welfare, school, faith, business, government, other
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    /// Days in Amsterdam.
    @Field(key: "since") var since: String
    @OptionalField(key: "ended_on") var endedOn: String?
    /// What the partnership is, in a sentence or two.
    @Field(key: "what") var what: String
    /// `https://` only, or nil.
    @OptionalField(key: "website") var website: String?
    /// The stored logo's file name (`<uuid>.<ext>`, `ImageUpload` in folder `partners`).
    @OptionalField(key: "logo") var logo: String?

    init() {}

    /// Active on `day`: begun, and not ended before it.
    func isActive(on day: String) -> Bool { since <= day && (endedOn.map { $0 >= day } ?? true) }
}

struct CreateCampaignRegister: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(MovementCampaign.schema)
            .id()
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .create()
        try await db.schema(CampaignCode.schema)
            .id()
            .field("campaign_id", .uuid, .required, .references(MovementCampaign.schema, "id", onDelete: .cascade))
            .field("code", .string, .required)
            .unique(on: "code", name: "campaign_codes_code_unique")
            .create()
        try await db.sql.create(index: "campaign_codes_campaign").on(CampaignCode.schema).column("campaign_id").run()
        try await db.schema(Partner.schema)
            .id()
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("since", .string, .required)
            .field("ended_on", .string)
            .field("what", .string, .required)
            .field("website", .string)
            .field("logo", .string)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(Partner.schema).delete()
        try await db.schema(CampaignCode.schema).delete()
        try await db.schema(MovementCampaign.schema).delete()
    }
}
