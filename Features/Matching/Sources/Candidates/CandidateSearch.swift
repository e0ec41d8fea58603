import Fluent
import Foundation
import Initiatives
import KrachtCore
import SQLKit

/// The residents who chose to be findable and fit an action: first a cheap prefilter in SQL
/// (in the action's district, or sharing one of its skills or its initiative's domains; every
/// findable profile for an online action), then `MatchScore` on each. People already taking
/// part are left out; only a first name and an initial ever leave this type.
public enum CandidateSearch {
    public struct Candidate: Sendable {
        public var userID: UUID
        /// "Anouk V.": never more of the name, never an address.
        public var shortName: String
        public var match: Match
    }

    /// At most this many profiles are scored per page.
    static let prefilterLimit = 2000

    public static func best(
        for action: InitiativeAction, of initiative: Initiative, excluding viewer: UUID?, limit: Int, on db: any Database
    ) async throws -> [Candidate] {
        let target = try await matchAction(action, of: initiative, on: db)
        let userIDs = try await prefilter(target, actionID: target.id, excluding: viewer, on: db)
        guard !userIDs.isEmpty else { return [] }
        var profiles: [UUID: MatchProfile] = [:]
        var names: [UUID: String] = [:]
        for start in stride(from: 0, to: userIDs.count, by: 500) {
            let chunk = Array(userIDs[start..<min(start + 500, userIDs.count)])
            for profile in try await ResidentProfile.query(on: db).filter(\.$userID ~~ chunk).filter(\.$findable == true).all() {
                profiles[profile.userID] = ProfileData.match(profile, skills: [], domains: [])
            }
            for row in try await ProfileSkill.query(on: db).filter(\.$userID ~~ chunk).all() {
                profiles[row.userID]?.skills.insert(row.skillID)
            }
            for row in try await ProfileDomain.query(on: db).filter(\.$userID ~~ chunk).all() {
                profiles[row.userID]?.domains.insert(row.domain)
            }
            for user in try await User.query(on: db).filter(\.$id ~~ chunk).field(\.$id).field(\.$name).all() {
                names[user.id!] = PublicName.short(user.name)
            }
        }
        let ranked = profiles.values.map { (profile: $0, match: MatchScore.score($0, target)) }
            .sorted { a, b in
                a.match.score != b.match.score ? a.match.score > b.match.score : a.profile.userID.uuidString < b.profile.userID.uuidString
            }
        return ranked.prefix(limit).map { Candidate(userID: $0.profile.userID, shortName: names[$0.profile.userID] ?? "", match: $0.match) }
    }

    /// The action as matching reads it, from the database (it need not be in the catalogue).
    static func matchAction(_ action: InitiativeAction, of initiative: Initiative, on db: any Database) async throws -> MatchAction {
        let actionID = try action.requireID()
        let skills = try await ActionSkill.query(on: db).filter(\.$actionID == actionID).all().map(\.skillID)
        let domains = try await InitiativeDomain.query(on: db).filter(\.$initiativeID == initiative.requireID()).all().map(\.domain)
        return MatchAction(
            id: actionID, initiativeID: try initiative.requireID(), initiativeSlug: initiative.slug, title: action.title,
            initiativeName: initiative.name, kind: action.kind, skills: Set(skills), domains: Set(domains), district: action.district,
            area: action.area, online: action.online, slots: AvailabilityGrid(bits: action.slots),
            languages: Set(SpokenLanguage.split(action.languages)), startsAt: action.startsAt, createdAt: action.createdAt)
    }

    static func prefilter(_ action: MatchAction, actionID: UUID, excluding viewer: UUID?, on db: any Database) async throws -> [UUID] {
        var near: SQLQueryString = "1 = 1"
        if !action.online {
            near = "p.district = \(bind: action.district ?? "")"
            if !action.skills.isEmpty {
                near +=
                    " OR EXISTS (SELECT 1 FROM profile_skills s WHERE s.user_id = p.user_id AND s.skill_id IN (\(binds: Array(action.skills))))"
            }
            if !action.domains.isEmpty {
                near +=
                    " OR EXISTS (SELECT 1 FROM profile_domains d WHERE d.user_id = p.user_id AND d.domain IN (\(binds: action.domains.sorted())))"
            }
        }
        let rows = try await db.sql.raw(
            """
            SELECT p.user_id FROM resident_profiles p WHERE p.findable = \(true) AND p.user_id <> \(bind: viewer ?? UUID())
            AND (\(near))
            AND NOT EXISTS (SELECT 1 FROM action_participations x WHERE x.action_id = \(bind: actionID) AND x.user_id = p.user_id
              AND x.state IN ('requested', 'accepted'))
            ORDER BY p.updated_at DESC LIMIT \(literal: prefilterLimit)
            """
        ).all()
        return try rows.map { try $0.decode(column: "user_id", as: UUID.self) }
    }
}
