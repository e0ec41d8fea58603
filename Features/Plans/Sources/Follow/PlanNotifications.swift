import Fluent
import Foundation
import KrachtCore
import Vapor

/// Following a plan, for the plan page: the partial `plans/_follow.leaf` (helper N).
struct FollowView: Encodable {}

enum FollowSection {
    static func load(plan: Plan, req: Request) async throws -> FollowView { FollowView() }
}

/// What the next digest tells (helper N): called in the transaction of the change.
enum PlanNotifications {
    /// Something for `userIDs` (an opted-out person gets nothing).
    static func record(
        _ kind: PlanNotification.Kind, for userIDs: [UUID], planID: UUID, subjectID: UUID, now: Date, on db: any Database
    ) async throws {}

    /// A new version: for every follower of the plan.
    static func versionPublished(planID: UUID, versionID: UUID, now: Date, on db: any Database) async throws {}
}

/// The daily digest job (helper N).
enum PlanDigest {
    static let jobs: [JobDefinition] = []
    static let scheduled: [ScheduledJob] = []
}
