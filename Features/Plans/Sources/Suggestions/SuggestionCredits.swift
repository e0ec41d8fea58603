import Fluent
import Foundation
import KrachtCore
import SQLKit

/// One accepted suggestion credited in a version: who proposed it and what (helper G).
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

/// Credits for accepted suggestions (helper G). Names are looked up when shown, so an erased
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

    /// The suggestions version `number` of the plan published: the context of `plans/_credits.leaf`.
    static func forVersion(planID: UUID, number: Int, on db: any Database) async throws -> [CreditView] {
        let applied = try await PlanSuggestion.query(on: db).filter(\.$planID == planID).filter(\.$appliedVersion == number)
            .filter(\.$status ~~ [.accepted, .merged]).sort(\.$decidedAt).sort(\.$createdAt).limit(500).all()
        guard !applied.isEmpty, let plan = try await Plan.find(planID, on: db) else { return [] }
        let names = try await names(for: applied.compactMap(\.id), on: db)
        return applied.compactMap { suggestion in
            guard let id = suggestion.id else { return nil }
            return CreditView(
                suggestionID: id, proposer: names[id] ?? nil, title: suggestion.title,
                path: PlansPath.suggestion(.value(plan.slug), id: .value(id)).path, merged: suggestion.status == .merged)
        }
    }

    /// Publishing version `version`: the accepted suggestions not yet published get it as
    /// `appliedVersion`, and so do those merged into an accepted one.
    static func markApplied(planID: UUID, version: Int, on db: any Database) async throws {
        try await PlanSuggestion.query(on: db).filter(\.$planID == planID).filter(\.$status == .accepted)
            .filter(\.$appliedVersion == nil).set(\.$appliedVersion, to: version).update()
        let accepted = try await PlanSuggestion.query(on: db).filter(\.$planID == planID).filter(\.$status == .accepted)
            .field(\.$id).all().compactMap(\.id)
        guard !accepted.isEmpty else { return }
        try await PlanSuggestion.query(on: db).filter(\.$planID == planID).filter(\.$status == .merged)
            .filter(\.$appliedVersion == nil).filter(\.$mergedIntoID ~~ accepted.map { Optional($0) }).set(\.$appliedVersion, to: version)
            .update()
    }
}
