import Fluent
import Foundation
import Initiatives
import KrachtCore
import SQLKit
import Vapor

/// The week's new open actions, loaded once per digest run, and what each resident gets of
/// them. Only the new actions are scored (as `/voor-jou` does, on bitmasks), so the cost is
/// residents × new actions, not residents × all open actions.
struct DigestNews: Sendable {
    struct Digest: Sendable {
        /// The best new actions that share a skill or a domain with the profile.
        var matches: [Match]
        /// New actions of followed initiatives that are not among the matches.
        var followed: [Match]
        var isEmpty: Bool { matches.isEmpty && followed.isEmpty }
    }

    let snapshot: OpenActionCatalogue.Snapshot
    /// New actions by initiative, for followers.
    let byInitiative: [UUID: [MatchAction]]

    var isEmpty: Bool { snapshot.actions.isEmpty }
    var skillNames: [UUID: String] { snapshot.skillNames }

    static func load(since: Date, now: Date, app: Application) async throws -> DigestNews {
        let catalogue = try await app.openActionCatalogue.current(on: app.db, app: app)
        let fresh = catalogue.actions.filter { $0.createdAt >= since && !$0.isPast(at: now) }
        let snapshot = OpenActionCatalogue.Snapshot(
            version: catalogue.version, actions: fresh, skillNames: catalogue.skillNames, domains: app.reference.domains.map(\.slug))
        return DigestNews(snapshot: snapshot, byInitiative: Dictionary(grouping: snapshot.actions, by: \.initiativeID))
    }

    /// What one resident gets, or nil when nothing is new for them.
    func digest(for recipient: DigestRecipients.Recipient, now: Date) -> Digest? {
        let profile = recipient.profile
        let since = recipient.lastDigestAt ?? .distantPast
        // New since their last digest, and not an action they asked for or organise (`OwnActions`).
        func fits(_ action: MatchAction) -> Bool { action.createdAt > since && !recipient.own.contains(action) }
        var matches: [Match] = []
        if !profile.skills.isEmpty || !profile.domains.isEmpty {
            matches = top(for: profile, limit: WeeklyDigest.perSection, now: now, where: fits)
                .map { MatchScore.score(profile, snapshot.actions[$0]) }
        }
        var followed: [Match] = []
        let shown = Set(matches.map(\.action.id))
        for initiative in recipient.follows.sorted(by: { $0.uuidString < $1.uuidString }) {
            for action in byInitiative[initiative] ?? [] where fits(action) && !shown.contains(action.id) {
                followed.append(MatchScore.score(profile, action))
            }
        }
        followed = Array(followed.sorted(by: Match.ranksBefore).prefix(WeeklyDigest.perSection))
        let digest = Digest(matches: matches, followed: followed)
        return digest.isEmpty ? nil : digest
    }

    /// The best actions that share a skill or a domain with the profile — a digest match must touch
    /// what the resident said they can do or care about — scored on bitmasks (`CompactScore`).
    private func top(for profile: MatchProfile, limit: Int, now: Date, where fits: (MatchAction) -> Bool) -> [Int] {
        let p = snapshot.codes.profile(profile), actions = snapshot.compact
        return CompactScore.top(p, actions, limit: limit, now: now.timeIntervalSince1970) { index in
            let action = actions[index]
            return (action.domains & p.domains != 0 || action.skills.contains(where: p.has(skill:))) && fits(snapshot.actions[index])
        }
    }
}
