import Fluent
import KrachtCore
import Vapor

/// A signed-in person's private feed: its address and a reset button (stub: the calendar helper).
/// Rendered by `events/_feed.leaf` on the registration helper's "my events" page.
public struct PersonalFeedSection: Encodable, Sendable {
    public static func load(for user: User, req: Request) async throws -> PersonalFeedSection { PersonalFeedSection() }
}
