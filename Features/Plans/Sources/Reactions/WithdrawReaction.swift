import Fluent
import Foundation
import KrachtCore
import Vapor

/// The writer takes their reaction back: its text is gone (shown as "withdrawn by the writer"),
/// its answers stay. Again is the same outcome.
struct WithdrawReaction: Sendable {
    /// Where the reaction was, to go back to.
    struct Place: Sendable, Equatable {
        var planID: UUID
        var sectionID: UUID
        var activityID: UUID?
    }

    enum Outcome: Sendable, Equatable {
        case withdrawn(Place)
        case alreadyWithdrawn(Place)
        /// Not theirs, removed by a moderator, or unknown.
        case notYours
    }

    let app: Application

    func run(_ id: UUID, by user: User) async throws -> Outcome {
        let userID = try user.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db -> Outcome in
            guard let reaction = try await PlanReaction.locked(id, on: db), reaction.userID == userID else { return .notYours }
            let place = Place(planID: reaction.planID, sectionID: reaction.sectionID, activityID: reaction.activityID)
            switch reaction.status {
            case .withdrawn: return .alreadyWithdrawn(place)
            case .removed: return .notYours
            case .visible, .held:
                if reaction.status == .visible, let plan = try await Plan.locked(reaction.planID, on: db) {
                    plan.reactionCount -= 1
                    try await plan.save(on: db)
                }
                reaction.status = .withdrawn
                reaction.body = ""
                reaction.updatedAt = now
                try await reaction.save(on: db)
                return .withdrawn(place)
            }
        }
    }
}
