import Fluent
import Foundation
import KrachtCore
import Vapor

/// An activity's support and sign-up state for the viewer: the context of the partial
/// `plans/_activity-actions.leaf` (helper S owns both; the plan page puts one on each activity).
struct ActivityParticipationView: Encodable {}

/// The most supported activities of a plan: the partial `plans/_top-supported.leaf` (helper S).
struct TopSupportedView: Encodable {}

enum ActivityParticipation {
    static func load(plan: Plan, activityIDs: [UUID], req: Request) async throws -> [UUID: ActivityParticipationView] { [:] }

    static func top(plan: Plan, snapshot: PlanSnapshot, on db: any Database) async throws -> [TopSupportedView] { [] }
}
