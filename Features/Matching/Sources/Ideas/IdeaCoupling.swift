import Fluent
import Foundation
import Initiatives
import KrachtCore
import SQLKit

/// Who and what an idea couples to: ideas like it (full-text similarity) and residents who chose
/// to be findable and share its domains or its place. Only first names and initials, and what
/// matches — never an e-mail address.
enum IdeaCoupling {
    static let maxSimilar = 5
    static let maxPeople = 10
    /// Candidates read per kind of overlap before ranking; the page shows `maxPeople`.
    private static let candidateLimit = 200

    struct Person: Sendable {
        var userID: UUID
        var name: String
        var domains: [String]
        var sameArea: Bool
        var sameDistrict: Bool
        var score: Int
    }

    static func similar(to idea: Idea, on db: any Database) async throws -> [Idea] {
        let matches = try await IdeaSearch.index.similar(
            to: idea.title + " " + idea.body, excluding: idea.id, limit: maxSimilar, on: db)
        let ids = matches.map(\.id)
        guard !ids.isEmpty else { return [] }
        let ideas = try await Idea.query(on: db).filter(\.$id ~~ ids).all()
        let byID = Dictionary(uniqueKeysWithValues: ideas.compactMap { idea in idea.id.map { ($0, idea) } })
        // The index may briefly lag its table: show only what is readable now, in rank order.
        return ids.compactMap { byID[$0] }.filter { IdeaSearch.isIndexed($0.status) }
    }

    /// Findable residents ranked by overlap: two points a shared domain, two the same area, one
    /// the same district; ties by name. The author and the viewer are left out.
    static func people(for idea: Idea, domains: [String], excluding: Set<UUID>, on db: any Database) async throws -> [Person] {
        var score: [UUID: Int] = [:]
        if !domains.isEmpty {
            let rows = try await db.sql.raw(
                """
                SELECT pd.user_id AS user_id, COUNT(*) AS n FROM profile_domains pd
                JOIN resident_profiles rp ON rp.user_id = pd.user_id
                WHERE rp.findable = \(bind: true) AND pd.domain IN (\(binds: domains))
                GROUP BY pd.user_id ORDER BY n DESC LIMIT \(literal: candidateLimit)
                """
            ).all()
            for row in rows {
                score[try row.decode(column: "user_id", as: UUID.self), default: 0] += 2 * (try row.decode(column: "n", as: Int.self))
            }
        }
        var place = ResidentProfile.query(on: db).filter(\.$findable == true)
        if let area = idea.area {
            place = place.group(.or) { $0.filter(\.$area == area).filter(\.$district == idea.district) }
        } else if let district = idea.district {
            place = place.filter(\.$district == district)
        }
        let placed = idea.district == nil ? [] : try await place.limit(candidateLimit).all()
        let byPlace = Dictionary(placed.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
        for profile in placed { score[profile.userID, default: 0] += 0 }
        for id in excluding { score[id] = nil }
        guard !score.isEmpty else { return [] }

        // Place points need every candidate's profile (those found by domain too).
        let missing = score.keys.filter { byPlace[$0] == nil }
        var profiles = byPlace
        if !missing.isEmpty {
            for profile in try await ResidentProfile.query(on: db).filter(\.$userID ~~ Array(missing)).all() {
                profiles[profile.userID] = profile
            }
        }
        var ranked: [(UUID, Int, Bool, Bool)] = score.map { id, points in
            let profile = profiles[id]
            let sameArea = idea.area != nil && profile?.area == idea.area
            let sameDistrict = !sameArea && idea.district != nil && profile?.district == idea.district
            return (id, points + (sameArea ? 2 : sameDistrict ? 1 : 0), sameArea, sameDistrict)
        }
        ranked = ranked.filter { $0.1 > 0 }
        let users = try await User.query(on: db).filter(\.$id ~~ ranked.map(\.0)).all()
        let names = Dictionary(uniqueKeysWithValues: users.compactMap { user in user.id.map { ($0, user.name) } })
        ranked.sort { a, b in a.1 != b.1 ? a.1 > b.1 : (names[a.0] ?? "", a.0.uuidString) < (names[b.0] ?? "", b.0.uuidString) }
        let top = Array(ranked.prefix(maxPeople))
        let shared =
            domains.isEmpty || top.isEmpty
            ? []
            : try await ProfileDomain.query(on: db)
                .filter(\.$userID ~~ top.map(\.0)).filter(\.$domain ~~ domains).all()
        return top.map { id, points, sameArea, sameDistrict in
            Person(
                userID: id, name: PublicName.short(names[id] ?? ""),
                domains: domains.filter { slug in shared.contains { $0.userID == id && $0.domain == slug } },
                sameArea: sameArea, sameDistrict: sameDistrict, score: points)
        }
    }
}
