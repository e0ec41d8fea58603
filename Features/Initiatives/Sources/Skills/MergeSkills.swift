import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// A coordinator merges synonyms into one kept skill: every table that points at skills
/// (`app.skillReferences`) moves its rows to the kept skill, dropping a row whose owner already
/// has it; the merged skills point to the kept one, so typing their name later finds it.
struct MergeSkills: Sendable {
    enum Outcome: Sendable, Equatable {
        case merged(Int)
        /// Nothing chosen to merge, or the kept skill among them.
        case nothingToMerge
        case notFound
    }

    let app: Application

    func run(keep keptID: UUID, merge mergedIDs: [UUID], by coordinator: User) async throws -> Outcome {
        let merged = Array(Set(mergedIDs).subtracting([keptID]))
        guard !merged.isEmpty, merged.count <= 100 else { return .nothingToMerge }
        let references = app.skillReferences
        let coordinatorID = try coordinator.requireID()
        return try await app.db.writeTransaction { db -> Outcome in
            guard let kept = try await Skill.locked(keptID, on: db), kept.mergedInto == nil else { return .notFound }
            let skills = try await Skill.query(on: db).filter(\.$id ~~ merged).filter(\.$mergedInto == nil).all()
            guard skills.count == merged.count else { return .notFound }
            for reference in references {
                for id in merged {
                    // The owner has both: the merged row goes (the column pair is unique).
                    try await db.sql.raw(
                        """
                        DELETE FROM \(ident: reference.table) WHERE skill_id = \(bind: id) AND \(ident: reference.owner) IN \
                        (SELECT \(ident: reference.owner) FROM \(ident: reference.table) WHERE skill_id = \(bind: keptID))
                        """
                    ).run()
                    try await db.sql.raw(
                        "UPDATE \(ident: reference.table) SET skill_id = \(bind: keptID) WHERE skill_id = \(bind: id)"
                    ).run()
                }
            }
            for skill in skills {
                skill.mergedInto = keptID
                try await skill.save(on: db)
            }
            try await InitiativeTotals.actionsChanged(on: db)
            try await AuditEvent.record(
                "initiatives.skills.merged", subject: "skill:\(keptID)", details: merged.map(\.uuidString).sorted().joined(separator: ","),
                by: coordinatorID, on: db)
            return .merged(skills.count)
        }
    }

    /// How often each skill is used, across every table that points at skills.
    static func useCounts(references: [SkillReference], on db: any Database) async throws -> [UUID: Int] {
        struct Row: Decodable {
            var skill_id: UUID
            var uses: Int
        }
        var counts: [UUID: Int] = [:]
        for reference in references {
            let rows = try await db.sql.raw(
                "SELECT skill_id, COUNT(*) AS uses FROM \(ident: reference.table) GROUP BY skill_id"
            ).all(decoding: Row.self)
            for row in rows { counts[row.skill_id, default: 0] += row.uses }
        }
        return counts
    }
}
