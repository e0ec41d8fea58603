import Fluent
import KrachtCore
import Vapor

/// A signed-in person's private feed: its address (https and `webcal://`, which opens the
/// calendar app) and a reset button. Rendered by `events/_feed.leaf` as `page.feed` on the
/// registration helper's "my events" page.
public struct PersonalFeedSection: Encodable, Sendable {
    public var httpsURL: String
    public var webcalURL: String
    public var resetPath: String

    public static func load(for user: User, req: Request) async throws -> PersonalFeedSection {
        let token = try await PersonalFeed.token(for: try user.requireID(), app: req.application, on: req.db)
        let url = EventsPath.personalFeed(.value(token)).url(on: req.application)
        return PersonalFeedSection(httpsURL: url, webcalURL: webcal(url), resetPath: EventsPath.resetFeed.path)
    }

    /// The same address with the `webcal` scheme.
    static func webcal(_ url: String) -> String {
        guard let colon = url.range(of: "://") else { return url }
        return "webcal" + url[colon.lowerBound...]
    }
}
