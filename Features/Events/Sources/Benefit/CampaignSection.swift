import Fluent
import KrachtCore
import Vapor

/// A benefit event's campaign: its progress and the "give" button (stub: the benefit helper).
/// Rendered by `events/_campaign.leaf`.
public struct CampaignSection: Encodable, Sendable {
    public static func load(for event: Event, req: Request) async throws -> CampaignSection? { nil }
}
