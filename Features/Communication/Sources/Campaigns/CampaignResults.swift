import Fluent
import KrachtCore
import Vapor

/// A campaign's results, counted live: for each feature's `Referral` (signatures, gifts,
/// registrations, subscriptions) the count over the campaign's codes. A feature that is not
/// there has no referral and no line.
struct CampaignResults: Sendable {
    struct Line: Sendable, Encodable, Equatable {
        var key: String
        var labelKey: String
        var count: Int64
    }

    /// Every campaign's lines, by campaign id, in the features' order.
    static func load(_ campaigns: [MovementCampaign], app: Application) async throws -> [UUID: [Line]] {
        let referrals = app.features.flatMap { $0.referrals() }
        var results: [UUID: [Line]] = [:]
        for campaign in campaigns {
            let codes = campaign.codes.map(\.code)
            var lines: [Line] = []
            for referral in referrals {
                let count = codes.isEmpty ? 0 : try await referral.count(codes, app)
                lines.append(Line(key: referral.key, labelKey: referral.labelKey, count: count))
            }
            results[try campaign.requireID()] = lines
        }
        return results
    }
}

extension MovementCampaign {
    /// Every campaign with its codes, newest start first.
    static func all(on db: any Database) async throws -> [MovementCampaign] {
        try await query(on: db).with(\.$codes).sort(\.$startsOn, .descending).sort(\.$name).all()
    }

    /// The campaign one of whose codes is `code`.
    static func find(code: String, on db: any Database) async throws -> MovementCampaign? {
        guard CampaignCode.isWellFormed(code),
            let found = try await CampaignCode.query(on: db).filter(\.$code == code).first()
        else { return nil }
        return try await query(on: db).filter(\.$id == found.$campaign.id).with(\.$codes).first()
    }

    /// Its codes, sorted.
    var codeList: [String] { codes.map(\.code).sorted() }
}
