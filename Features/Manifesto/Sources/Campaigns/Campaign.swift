import Fluent
import KrachtCore
import Vapor

/// A campaign in the coordinators' register: its code is the `ref` in every link, poster and
/// embedded counter made for it, so signatures through them count for it.
final class Campaign: Model, @unchecked Sendable {
    static let schema = "manifesto_campaigns"

    /// Where a campaign reaches people; the figures can be compared per channel.
    enum Channel: String, CaseIterable, Codable, Sendable { case street, poster, social, press, partner, mail, other }

    // managed fields
    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by_id") var createdByID: UUID?

    // data fields
    /// Never changed after creation: posters and links with it are already out there.
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "channel") var channel: String
    /// Days in Amsterdam, `2026-11-30`; open-ended when nil.
    @OptionalField(key: "starts_on") var startsOn: String?
    @OptionalField(key: "ends_on") var endsOn: String?

    init() {}

    static func find(code: String, on db: any Database) async throws -> Campaign? {
        try await query(on: db).filter(\.$code == code).first()
    }

    static func all(on db: any Database) async throws -> [Campaign] {
        try await query(on: db).sort(\.$createdAt, .descending).all()
    }
}

/// One paper list as entered: its reference may be entered once, so a sheet never counts twice.
final class PaperList: Model, @unchecked Sendable {
    static let schema = "manifesto_paper_lists"

    @ID(key: .id) var id: UUID?
    @Field(key: "entered_at") var enteredAt: Date
    @OptionalField(key: "entered_by_id") var enteredByID: UUID?

    @Field(key: "reference") var reference: String
    /// The reference however typed (case, accents, spaces): "Dappermarkt 12 okt" = "dappermarkt  12 OKT".
    @Field(key: "reference_key") var referenceKey: String
    @OptionalField(key: "campaign") var campaign: String?
    @Field(key: "signatures") var signatures: Int

    init() {}

    static func key(_ reference: String) -> String {
        reference.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

struct CreateCampaigns: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Campaign.schema)
            .id()
            .field("created_at", .datetime, .required)
            .field("created_by_id", .uuid)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("channel", .string, .required)
            .field("starts_on", .string)
            .field("ends_on", .string)
            .unique(on: "code")
            .create()
        try await db.schema(PaperList.schema)
            .id()
            .field("entered_at", .datetime, .required)
            .field("entered_by_id", .uuid)
            .field("reference", .string, .required)
            .field("reference_key", .string, .required)
            .field("campaign", .string)
            .field("signatures", .int, .required)
            .unique(on: "reference_key")
            .create()
        // Sheets entered before lists were kept: their references are taken too.
        let sheets = try await Signature.query(on: db).filter(\.$source == Signature.Source.paper.rawValue)
            .filter(\.$paperSheet != nil).all()
        var lists: [String: PaperList] = [:]
        for signature in sheets {
            guard let sheet = signature.paperSheet else { continue }
            let key = PaperList.key(sheet)
            let list = lists[key] ?? PaperList()
            if list.id == nil {
                list.id = UUID()
                list.reference = sheet
                list.referenceKey = key
                list.enteredAt = signature.createdAt
                list.signatures = 0
            }
            list.signatures += 1
            lists[key] = list
        }
        for list in lists.values { try await list.create(on: db) }
    }

    func revert(on db: any Database) async throws {
        try await db.schema(PaperList.schema).delete()
        try await db.schema(Campaign.schema).delete()
    }
}
