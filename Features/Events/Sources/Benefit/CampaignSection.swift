import Fluent
import Fund
import KrachtCore
import Vapor

/// A benefit event's campaign: what it raised of its goal (the fund's maintained figures, no
/// ledger scan), as the fund's campaign page draws it, and a "give" button into the fund's giving
/// form with the campaign in it, so every gift made from the event counts for the campaign.
/// Rendered by `events/_campaign.leaf` (its context is this section).
public struct CampaignSection: Encodable, Sendable {
    var title: String
    var raised: String
    var goal: String
    /// Raised against the goal, 0–100, for the progress bar.
    var percent: Int
    var gifts: Int64
    /// The last day, in words; nil when open-ended.
    var deadline: String?
    var open: Bool
    /// The fund's giving form, credited to the campaign while it takes gifts; nil without a fund.
    var givePath: String?
    var campaignPath: String

    /// Nil for an event without a campaign, or when its campaign is gone.
    public static func load(for event: Event, req: Request) async throws -> CampaignSection? {
        guard let id = event.campaignID, let campaign = try await FundCampaign.find(id, on: req.db) else { return nil }
        let language = req.language
        // Open until the end of its deadline day in Amsterdam (as the fund decides it).
        let open = campaign.deadline.map { AmsterdamTime.day(req.now) <= $0 } ?? true
        let percent = campaign.goalCents > 0 ? Int(min(100, max(0, campaign.raisedCents) * 100 / campaign.goalCents)) : 0
        return CampaignSection(
            title: campaign.title, raised: Money.format(cents: campaign.raisedCents, in: language),
            goal: Money.format(cents: campaign.goalCents, in: language), percent: percent, gifts: campaign.gifts,
            deadline: campaign.deadline.flatMap(AmsterdamTime.parseDay).map { AmsterdamTime.date($0, in: language) },
            open: open, givePath: req.application.giving?.givePath(campaign: open ? campaign.slug : nil),
            campaignPath: FundPath.campaign(.value(campaign.slug)).path)
    }
}
