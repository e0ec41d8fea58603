import Fluent
import Foundation
import KrachtCore
import Vapor

/// A moderator's decision on a held or reported reaction: keep it (shown again; its reports are
/// settled, so only new reporters can hold it again) or remove it, with a reason. Logged for
/// coordinators and in the audit trail.
struct DecideReaction: Sendable {
    enum Outcome: Sendable, Equatable {
        case kept, removed
        case invalidDecision, reasonTooLong
        /// Nothing to decide: not held nor reported, withdrawn, already removed, or unknown.
        case nothingToDecide
    }

    let app: Application

    func run(_ id: UUID, decision: String?, reason: String?, by moderator: User) async throws -> Outcome {
        guard let decision = decision.flatMap(PlanModerationDecision.Decision.init(rawValue:)) else { return .invalidDecision }
        let (why, problem) = TextField.check(reason, required: false, maxLength: ReactionLimits.decisionReasonMax, singleLine: false)
        if problem != nil { return .reasonTooLong }
        let moderatorID = try moderator.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db -> Outcome in
            guard let reaction = try await PlanReaction.locked(id, on: db), reaction.status == .held || reaction.status == .visible
            else { return .nothingToDecide }
            if reaction.status == .visible, reaction.reportCount == 0, !(try await Self.hasOpenReports(id, on: db)) {
                return .nothingToDecide
            }
            let wasVisible = reaction.status == .visible
            reaction.status = decision == .keep ? .visible : .removed
            reaction.reportCount = 0
            reaction.updatedAt = now
            try await reaction.save(on: db)
            let change = (decision == .keep ? 1 : 0) - (wasVisible ? 1 : 0)
            if change != 0, let plan = try await Plan.locked(reaction.planID, on: db) {
                plan.reactionCount += change
                try await plan.save(on: db)
            }
            let entry = PlanModerationDecision()
            entry.reactionID = id
            entry.moderatorID = moderatorID
            entry.decision = decision
            entry.reason = why
            entry.createdAt = now
            try await entry.create(on: db)
            try await AuditEvent.record(
                "plans.reaction.\(decision.rawValue)", subject: "plan_reaction:\(id)", details: why, by: moderatorID, on: db)
            return decision == .keep ? .kept : .removed
        }
    }

    /// Reports since the last decision: visitors' reports do not count in reportCount, yet a
    /// moderator may decide on them.
    static func hasOpenReports(_ id: UUID, on db: any Database) async throws -> Bool {
        let last = try await PlanModerationDecision.query(on: db).filter(\.$reactionID == id).sort(\.$createdAt, .descending).first()
        var reports = PlanReactionReport.query(on: db).filter(\.$reactionID == id)
        if let last { reports = reports.filter(\.$createdAt > last.createdAt) }
        return try await reports.count() > 0
    }
}
