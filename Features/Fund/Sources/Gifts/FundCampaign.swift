import Fluent
import Foundation
import KrachtCore

/// A crowdfunding campaign ("Benefietavond juni"): a goal, a deadline, its own page and wall.
/// Gifts through `/fonds/doneren?campagne=<slug>` count for it.
public final class FundCampaign: Model, @unchecked Sendable {
    public static let schema = "fund_campaigns"

    @ID(key: .id) public var id: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "created_by") public var createdBy: UUID?
    /// Never changed after creation: links with it are out there.
    @Field(key: "slug") public var slug: String
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "goal_cents") public var goalCents: Int64
    /// A day in Amsterdam, `2026-06-20`; open-ended when nil.
    @OptionalField(key: "deadline") public var deadline: String?
    /// Maintained with every paid gift and refund (`verify` recounts it).
    @Field(key: "raised_cents") public var raisedCents: Int64
    @Field(key: "gifts") public var gifts: Int64

    public init() {}

    public static func find(slug: String, on db: any Database) async throws -> FundCampaign? {
        try await query(on: db).filter(\.$slug == slug).first()
    }
}
