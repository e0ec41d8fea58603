import Fluent
import Foundation
import Initiatives
import KrachtCore
import SQLKit

/// What `kracht verify` checks in matching: every idea's `supporterCount` equals its supporter
/// rows; the idea index holds as many documents as there are open and proposed ideas; no
/// profile skill points at a skill merged into another.
enum MatchingVerify {
    static func problems(on db: any Database) async throws -> [String] {
        var problems: [String] = []
        let wrongCounts = try await db.sql.raw(
            """
            SELECT i.id AS id, i.supporter_count AS kept, (SELECT COUNT(*) FROM idea_supporters s WHERE s.idea_id = i.id) AS counted
            FROM ideas i WHERE i.supporter_count <> (SELECT COUNT(*) FROM idea_supporters s WHERE s.idea_id = i.id)
            """
        ).all()
        for row in wrongCounts {
            let id = try row.decode(column: "id", as: UUID.self)
            let kept = try row.decode(column: "kept", as: Int.self)
            let counted = try row.decode(column: "counted", as: Int.self)
            problems.append("idea \(id): supporter_count \(kept), but \(counted) supporters")
        }
        let readable = try await Idea.query(on: db).filter(\.$status ~~ [.open, .proposed]).count()
        let indexed = try await IdeaSearch.index.count(on: db)
        if readable != indexed { problems.append("idea index: \(indexed) documents, but \(readable) open or proposed ideas") }
        let stale =
            try await db.sql.raw(
                """
                SELECT COUNT(*) AS n FROM profile_skills ps JOIN skills s ON s.id = ps.skill_id WHERE s.merged_into IS NOT NULL
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        if stale > 0 { problems.append("profile skills: \(stale) point at a merged skill") }
        return problems
    }
}
