import Fluent
import Foundation
import KrachtCore

extension FundCampaign {
    /// Whether the campaign still takes gifts: until the end of its deadline day in Amsterdam.
    func isOpen(at now: Date) -> Bool {
        guard let deadline else { return true }
        return AmsterdamTime.day(now) <= deadline
    }

    /// The campaign a gift through `?campagne=<slug>` counts for; nil for none, an unknown slug
    /// or a campaign past its deadline (the gift then goes to the fund itself).
    static func open(slug: String?, at now: Date, on db: any Database) async throws -> FundCampaign? {
        guard let slug = slug.flatMap(SaveFundCampaign.validSlug) else { return nil }
        guard let campaign = try await find(slug: slug, on: db), campaign.isOpen(at: now) else { return nil }
        return campaign
    }

    /// Raised against the goal, 0–100, for the progress bar.
    var percent: Int {
        guard goalCents > 0 else { return 0 }
        return Int(min(100, raisedCents * 100 / goalCents))
    }
}
