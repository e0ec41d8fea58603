import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// A resident supports an activity of a plan's latest published version, or withdraws it.
/// Once per person: the row is inserted with ON CONFLICT DO NOTHING and the counters move only
/// when a row was really inserted or deleted, so two posts at the same moment give one support.
struct SupportActivity: Sendable {
    enum Outcome: Sendable, Equatable {
        case supported
        case alreadySupported
        case withdrawn
        /// Withdrawn before (or never given): nothing changed.
        case notSupported
        /// Not in the latest published version (removed, or the plan is a draft).
        case notInPlan
    }

    let app: Application

    func support(plan: Plan, activityID: UUID, userID: UUID) async throws -> Outcome {
        let planID = try plan.requireID()
        guard try await Self.isPublished(activityID, of: plan, on: app.db) else { return .notInPlan }
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            let inserted = try await db.sql.raw(
                """
                INSERT INTO plan_supports (id, plan_id, activity_id, user_id, created_at)
                VALUES (\(bind: UUID()), \(bind: planID), \(bind: activityID), \(bind: userID), \(bind: now))
                ON CONFLICT (activity_id, user_id) DO NOTHING RETURNING id
                """
            ).all()
            guard !inserted.isEmpty else { return .alreadySupported }
            try await Self.count(support: 1, activityID: activityID, planID: planID, on: db)
            return .supported
        }
    }

    /// Allowed also for an activity no longer in the plan: a person may always take their support back.
    func withdraw(plan: Plan, activityID: UUID, userID: UUID) async throws -> Outcome {
        let planID = try plan.requireID()
        return try await app.db.writeTransaction { db in
            let deleted = try await db.sql.raw(
                """
                DELETE FROM plan_supports WHERE activity_id = \(bind: activityID) AND user_id = \(bind: userID)
                AND plan_id = \(bind: planID) RETURNING id
                """
            ).all()
            guard !deleted.isEmpty else { return .notSupported }
            try await Self.count(support: -deleted.count, activityID: activityID, planID: planID, on: db)
            return .withdrawn
        }
    }

    /// Whether the activity is part of the plan as its readers see it now.
    static func isPublished(_ activityID: UUID, of plan: Plan, on db: any Database) async throws -> Bool {
        guard let version = try await PlanAccess.latestVersion(of: plan, on: db) else { return false }
        return try version.snapshot().activity(activityID) != nil
    }

    /// Moves the activity's and the plan's counters in one statement each (never read-then-write).
    static func count(support: Int, activityID: UUID, planID: UUID, on db: any Database) async throws {
        try await db.sql.raw(
            "UPDATE plan_activities SET support_count = support_count + \(bind: support) WHERE id = \(bind: activityID)"
        ).run()
        try await db.sql.raw("UPDATE plans SET support_count = support_count + \(bind: support) WHERE id = \(bind: planID)").run()
    }
}
