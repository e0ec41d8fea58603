import Fluent
import Foundation
import Initiatives
import KrachtCore
import SQLKit

/// Reading a resident's profile for matching, and its part of the personal-data export and
/// erasure (`MatchingPersonalData` calls `export` and `erase`).
public enum ProfileData {
    public struct Loaded: Sendable {
        public var profile: ResidentProfile
        public var match: MatchProfile
    }

    /// The profile with its skills and domains: the row by its unique `user_id`, then one
    /// query for both lists (each by its `(user_id, …)` unique index). Nil without a profile.
    public static func load(_ userID: UUID, on db: any Database) async throws -> Loaded? {
        guard let profile = try await ResidentProfile.query(on: db).filter(\.$userID == userID).first() else { return nil }
        let rows = try await db.sql.raw(
            """
            SELECT skill_id AS skill, NULL AS domain FROM profile_skills WHERE user_id = \(bind: userID)
            UNION ALL SELECT NULL AS skill, domain FROM profile_domains WHERE user_id = \(bind: userID)
            """
        ).all()
        var skills = Set<UUID>()
        var domains = Set<String>()
        for row in rows {
            if let domain = try row.decode(column: "domain", as: String?.self) {
                domains.insert(domain)
            } else if let skill = try row.decode(column: "skill", as: UUID?.self) {
                skills.insert(skill)
            }
        }
        return Loaded(profile: profile, match: match(profile, skills: skills, domains: domains))
    }

    static func match(_ profile: ResidentProfile, skills: Set<UUID>, domains: Set<String>) -> MatchProfile {
        MatchProfile(
            userID: profile.userID, skills: skills, domains: domains, district: profile.district, area: profile.area,
            availability: AvailabilityGrid(bits: profile.availability), languages: Set(SpokenLanguage.split(profile.languages)))
    }

    /// The profile as the resident's export shows it: names, not ids.
    public static func export(of userID: UUID, on db: any Database) async throws -> JSONValue? {
        guard let loaded = try await load(userID, on: db) else { return nil }
        let skillNames = try await SkillList.names(of: Array(loaded.match.skills), on: db)
        let profile = loaded.profile
        return .object([
            "district": profile.district.map(JSONValue.string) ?? .null,
            "area": profile.area.map(JSONValue.string) ?? .null,
            "skills": .array(skillNames.values.sorted().map(JSONValue.string)),
            "domains": .array(loaded.match.domains.sorted().map(JSONValue.string)),
            "availability": .array(
                profile.availabilityGrid.cells.map { .string(AvailabilityGrid.value(weekday: $0.weekday, part: $0.part)) }),
            "languages": .array(SpokenLanguage.split(profile.languages).map(JSONValue.string)),
            "findable": .bool(profile.findable),
            "weekly_digest": .bool(profile.digest),
            "updated_at": .string(ISO8601DateFormatter().string(from: profile.updatedAt)),
        ])
    }

    /// Removes the profile, its skills and its domains.
    public static func erase(of userID: UUID, on db: any Database) async throws {
        try await ProfileSkill.query(on: db).filter(\.$userID == userID).delete()
        try await ProfileDomain.query(on: db).filter(\.$userID == userID).delete()
        try await ResidentProfile.query(on: db).filter(\.$userID == userID).delete()
    }
}

extension ResidentProfile {
    public var availabilityGrid: AvailabilityGrid { AvailabilityGrid(bits: availability) }
}
