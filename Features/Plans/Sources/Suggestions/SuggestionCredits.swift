import Fluent
import Foundation
import KrachtCore
import SQLKit

/// One accepted suggestion credited in a version: who proposed it and what.
struct CreditView: Encodable, Sendable {
    var suggestionID: UUID
    /// Nil for an erased account ("verwijderd account").
    var proposer: String?
    var title: String
    /// The suggestion's page.
    var path: String
    /// Merged into another suggestion of this version, credited alongside it.
    var merged: Bool
}

/// Credits for accepted suggestions. Names are looked up when shown, so an erased
/// account's name is gone from every version.
enum SuggestionCredits {
    /// The proposer's name per suggestion; nil for an erased account ("deleted account").
    static func names(for suggestionIDs: [UUID], on db: any Database) async throws -> [UUID: String?] {
        guard !suggestionIDs.isEmpty else { return [:] }
        let rows = try await db.sql.select()
            .column(SQLColumn("id", table: "s"), as: "suggestion_id").column(SQLColumn("name", table: "u"), as: "proposer")
            .from(SQLAlias(SQLIdentifier(PlanSuggestion.schema), as: SQLIdentifier("s")))
            .join(
                SQLAlias(SQLIdentifier(User.schema), as: SQLIdentifier("u")), method: SQLJoinMethod.left,
                on: SQLColumn("id", table: "u"), .equal, SQLColumn("user_id", table: "s")
            )
            .where(SQLColumn("id", table: "s"), .in, SQLGroupExpression(suggestionIDs.map { SQLBind($0) }))
            .all()
        var names: [UUID: String?] = [:]
        for row in rows {
            names[try row.decode(column: "suggestion_id", as: UUID.self)] = try row.decode(column: "proposer", as: String?.self)
        }
        return names
    }

    /// The credits of every published version of the plan, by version number, in three queries
    /// whatever the number of versions (the history page).
    static func forPlan(planID: UUID, on db: any Database) async throws -> [Int: [CreditView]] {
        let applied = try await PlanSuggestion.query(on: db).filter(\.$planID == planID).filter(\.$appliedVersion != nil)
            .filter(\.$status ~~ [.accepted, .merged]).sort(\.$appliedVersion).sort(\.$decidedAt).sort(\.$createdAt)
            .limit(5_000).all()
        return try await views(applied, planID: planID, on: db)
    }

    /// The credit lines of applied suggestions by version, in their order, with one name lookup.
    private static func views(_ applied: [PlanSuggestion], planID: UUID, on db: any Database) async throws -> [Int: [CreditView]] {
        guard !applied.isEmpty, let plan = try await Plan.find(planID, on: db) else { return [:] }
        let names = try await names(for: applied.compactMap(\.id), on: db)
        var credits: [Int: [CreditView]] = [:]
        for suggestion in applied {
            guard let id = suggestion.id, let version = suggestion.appliedVersion else { continue }
            credits[version, default: []].append(
                CreditView(
                    suggestionID: id, proposer: names[id] ?? nil, title: suggestion.title,
                    path: PlansPath.suggestion(.value(plan.slug), id: .value(id)).path, merged: suggestion.status == .merged))
        }
        return credits
    }

    /// Publishing version `version`: the accepted suggestions not yet published get it as
    /// `appliedVersion`, and so do those merged into one of them, following merge chains (A
    /// merged into B merged into accepted C: A and B are credited with C).
    static func markApplied(planID: UUID, version: Int, on db: any Database) async throws {
        var credited = try await PlanSuggestion.query(on: db).filter(\.$planID == planID).filter(\.$status == .accepted)
            .filter(\.$appliedVersion == nil).field(\.$id).all().compactMap(\.id)
        // A chain has no cycles (only open or unpublished accepted ones are merge targets); the
        // bound keeps a damaged row from looping.
        var depth = 0
        while !credited.isEmpty, depth < 100 {
            try await PlanSuggestion.query(on: db).filter(\.$id ~~ credited).set(\.$appliedVersion, to: version).update()
            credited = try await PlanSuggestion.query(on: db).filter(\.$planID == planID).filter(\.$status == .merged)
                .filter(\.$appliedVersion == nil).filter(\.$mergedIntoID ~~ credited.map { Optional($0) }).field(\.$id).all()
                .compactMap(\.id)
            depth += 1
        }
    }
}
