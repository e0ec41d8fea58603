import Fluent
import Foundation
import KrachtCore
import Vapor

/// Anyone reports a reaction, once per reporter: at `PlanReaction.reportThreshold` reports by
/// signed-in people a visible reaction is held (hidden) until a moderator decides. A visitor's
/// report is kept for the moderators but hides nothing: one person with several connections
/// must not be able to hide anyone's reaction.
struct ReportReaction: Sendable {
    enum Outcome: Sendable, Equatable {
        case reported(held: Bool)
        case alreadyReported
        case invalidReason
        case textTooLong
        case rateLimited
        /// Withdrawn, removed, or unknown: nothing to report.
        case gone
    }

    let app: Application

    func run(_ id: UUID, reason: String?, text: String?, reporterKey: String, limitKey: String) async throws -> Outcome {
        guard let reason, ReactionLimits.reportReasons.contains(reason) else { return .invalidReason }
        let (note, problem) = TextField.check(text, required: false, maxLength: ReactionLimits.reasonTextMax, singleLine: false)
        if problem != nil { return .textTooLong }
        let now = app.clock.now()
        return try await app.db.writeTransaction { db -> Outcome in
            guard let reaction = try await PlanReaction.locked(id, on: db), reaction.status == .visible || reaction.status == .held
            else { return .gone }
            let earlier = try await PlanReactionReport.query(on: db).filter(\.$reactionID == id).filter(\.$reporterKey == reporterKey)
                .count()
            if earlier > 0 { return .alreadyReported }
            guard try await ReactionLimits.report.hit(limitKey, now: now, on: db) else { return .rateLimited }
            let report = PlanReactionReport()
            report.reactionID = id
            report.reporterKey = reporterKey
            report.reason = note.isEmpty ? reason : reason + ": " + note
            report.createdAt = now
            try await report.create(on: db)
            // reportCount counts signed-in reporters only (`u:` keys): they alone can hold it.
            if reporterKey.hasPrefix("u:") { reaction.reportCount += 1 }
            var held = false
            if reaction.status == .visible, reaction.reportCount >= PlanReaction.reportThreshold {
                reaction.status = .held
                held = true
                if let plan = try await Plan.locked(reaction.planID, on: db) {
                    plan.reactionCount -= 1
                    try await plan.save(on: db)
                }
            }
            reaction.updatedAt = now
            try await reaction.save(on: db)
            return .reported(held: held)
        }
    }
}
