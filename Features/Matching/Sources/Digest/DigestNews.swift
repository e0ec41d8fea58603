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
    /// Who organises each initiative that has new actions: they are not offered their own.
    let organisers: [UUID: Set<UUID>]

    var isEmpty: Bool { snapshot.actions.isEmpty }
    var skillNames: [UUID: String] { snapshot.skillNames }

    static func load(since: Date, now: Date, app: Application) async throws -> DigestNews {
        let catalogue = try await app.openActionCatalogue.current(on: app.db, app: app)
        let fresh = catalogue.actions.filter { $0.createdAt >= since && !$0.isPast(at: now) }
        let snapshot = OpenActionCatalogue.Snapshot(
            version: catalogue.version, actions: fresh, skillNames: catalogue.skillNames, domains: app.reference.domains.map(\.slug))
        var organisers: [UUID: Set<UUID>] = [:]
        let initiatives = Array(Set(fresh.map(\.initiativeID)))
        for start in stride(from: 0, to: initiatives.count, by: 500) {
            let chunk = Array(initiatives[start..<min(start + 500, initiatives.count)])
            for row in try await InitiativeOrganiser.query(on: app.db).filter(\.$initiativeID ~~ chunk).all() {
                organisers[row.initiativeID, default: []].insert(row.userID)
            }
        }
        return DigestNews(
            snapshot: snapshot, byInitiative: Dictionary(grouping: snapshot.actions, by: \.initiativeID), organisers: organisers)
    }

    /// What one resident gets, or nil when nothing is new for them.
    func digest(for recipient: DigestRecipients.Recipient, now: Date) -> Digest? {
        let profile = recipient.profile
        let since = recipient.lastDigestAt ?? .distantPast
        func fits(_ action: MatchAction) -> Bool {
            action.createdAt > since && !(organisers[action.initiativeID]?.contains(profile.userID) ?? false)
        }
        var matches: [Match] = []
        if !profile.skills.isEmpty || !profile.domains.isEmpty {
            // A few more than shown: some are older than the last digest or the resident's own.
            for index in top(for: profile, limit: WeeklyDigest.perSection * 2, now: now) where fits(snapshot.actions[index]) {
                matches.append(MatchScore.score(profile, snapshot.actions[index]))
                if matches.count == WeeklyDigest.perSection { break }
            }
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
    private func top(for profile: MatchProfile, limit: Int, now: Date) -> [Int] {
        let p = snapshot.codes.profile(profile), actions = snapshot.compact, moment = now.timeIntervalSince1970
        var kept: [(points: Int, index: Int)] = []
        for index in actions.indices {
            let action = actions[index]
            guard action.pastAt >= moment, action.domains & p.domains != 0 || action.skills.contains(where: p.has(skill:)) else { continue }
            let points = CompactScore.points(p, action)
            if kept.count == limit, points <= kept[limit - 1].points { continue }
            var at = kept.count
            while at > 0 && kept[at - 1].points < points { at -= 1 }
            kept.insert((points, index), at: at)
            if kept.count > limit { kept.removeLast() }
        }
        return kept.map(\.index)
    }
}
