import Crypto
import Foundation
import KrachtCore
import Vapor

/// The limits of reacting and reporting, in one place.
extension PlanReaction {
    /// Reports from this many different signed-in people hold a visible reaction until a moderator
    /// decides (visitors' reports are shown to moderators but hide nothing).
    public static let reportThreshold = 3
    public static let bodyMax = 5_000
    /// A reaction per page of a thread (top-level; each with all its replies).
    static let pageSize = 50
    /// Answers shown under a reaction in a thread (the latest); all of them on its own view.
    static let repliesShown = 20
    /// The most answers the view of one reaction shows (far beyond what the rate limit allows).
    static let repliesMax = 1_000
    /// The same text in the same place by the same person within this many seconds is one reaction
    /// (a double click, a resent form).
    static let duplicateWindow: TimeInterval = 60
}

enum ReactionLimits {
    static let react = RateLimiter(name: "plans.react", limit: 10, window: 60)
    static let report = RateLimiter(name: "plans.report", limit: 20, window: 3600)
    static let reasonTextMax = 500
    static let decisionReasonMax = 500
    static let reportReasons = ["spam", "insult", "personal_data", "other"]

    /// Who reported: a signed-in person's account id, or for a visitor a keyed hash of their
    /// address (so one visitor counts once, and the address itself is never stored).
    static func reporterKey(_ req: Request) -> String {
        if let id = req.auth.get(User.self)?.id { return "u:" + id.uuidString }
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data(("plans-report\u{0}" + req.rateLimitKey).utf8), using: req.application.config.secretKey)
        return "a:" + SecureToken.hex(Data(mac).prefix(16))
    }

    /// Where to go back after reacting: `terug` when it is a page of this plan (never another
    /// site or plan), else `fallback`.
    static func returnPath(_ terug: String?, plan: Plan, fallback: String) -> String {
        let root = PlansPath.plan(.value(plan.slug)).path
        guard var path = terug, path.count <= 300 else { return fallback }
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        guard bare == root || bare.hasPrefix(root + "/"), !path.contains("//"), !path.contains("\\"),
            path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else { return fallback }
        return path
    }
}
