import Fluent
import Foundation
import KrachtCore
import Vapor

/// Visible reactions per section and per activity of a plan, for the plan page (helper R).
public struct ReactionCounts: Sendable {
    var bySection: [UUID: Int] = [:]
    var byActivity: [UUID: Int] = [:]

    public static func load(planID: UUID, on db: any Database) async throws -> ReactionCounts { ReactionCounts() }

    public func forSection(_ id: UUID) -> Int { bySection[id] ?? 0 }
    public func forActivity(_ id: UUID) -> Int { byActivity[id] ?? 0 }
}

/// A section's or an activity's reactions, threaded, with the form: the context of the partial
/// `plans/_thread.leaf` (helper R owns both; the activity page embeds it).
struct ReactionThreadsView: Encodable {}

enum ReactionThreads {
    static func load(plan: Plan, sectionID: UUID, activityID: UUID?, page: Int, req: Request) async throws -> ReactionThreadsView {
        ReactionThreadsView()
    }
}
