import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// Visible reactions per section (to the section itself, not its activities) and per activity of
/// a plan, for the plan page: one grouped query.
public struct ReactionCounts: Sendable {
    var bySection: [UUID: Int] = [:]
    var byActivity: [UUID: Int] = [:]

    public static func load(planID: UUID, on db: any Database) async throws -> ReactionCounts {
        let rows = try await db.sql.select().column("section_id").column("activity_id")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(PlanReaction.schema)
            .where("plan_id", .equal, SQLBind(planID)).where("status", .equal, SQLBind(PlanReaction.Status.visible.rawValue))
            .groupBy("section_id").groupBy("activity_id").all()
        var counts = ReactionCounts()
        for row in rows {
            let n = try row.decode(column: "n", as: Int.self)
            if let activity = try row.decodeNil(column: "activity_id") ? nil : row.decode(column: "activity_id", as: UUID.self) {
                counts.byActivity[activity, default: 0] += n
            } else {
                counts.bySection[try row.decode(column: "section_id", as: UUID.self), default: 0] += n
            }
        }
        return counts
    }

    public func forSection(_ id: UUID) -> Int { bySection[id] ?? 0 }
    public func forActivity(_ id: UUID) -> Int { byActivity[id] ?? 0 }
}
