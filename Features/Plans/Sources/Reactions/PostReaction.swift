import Fluent
import Foundation
import KrachtCore
import Vapor

/// A resident reacts to a section or an activity of a published plan, or answers a reaction
/// (one level: an answer to an answer joins the thread of the reaction it answers). Only a
/// coordinator may answer as the movement. The writer of the answered reaction is told in the
/// next digest. Kept on the version the writer was reading.
struct PostReaction: Sendable {
    struct Input: Sendable {
        var sectionID: UUID?
        var activityID: UUID?
        var parentID: UUID?
        var body: String?
        var asMovement: Bool
    }

    enum Outcome: Sendable, Equatable {
        case posted(UUID)
        /// The same text in the same place a moment ago: that reaction, not a second one.
        case duplicate(UUID)
        case empty, tooLong, invalidCharacters
        /// The section or activity is not in this plan's latest version.
        case sectionNotInPlan
        /// The reaction to answer was withdrawn or removed (or never was).
        case parentGone
        case rateLimited
        /// Never published: nothing to react to.
        case notPublished
    }

    let app: Application

    func run(planID: UUID, input: Input, by user: User, isCoordinator: Bool) async throws -> Outcome {
        let (body, problem) = TextField.check(input.body, maxLength: PlanReaction.bodyMax, singleLine: false)
        switch problem {
        case .missing: return .empty
        case .tooLong: return .tooLong
        case .invalidCharacters: return .invalidCharacters
        case nil: break
        }
        let userID = try user.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db -> Outcome in
            guard let plan = try await Plan.locked(planID, on: db) else { return .notPublished }
            guard let version = try await PlanAccess.latestVersion(of: plan, on: db) else { return .notPublished }
            let snapshot = try version.snapshot()
            guard let sectionID = input.sectionID, let section = snapshot.section(sectionID) else { return .sectionNotInPlan }
            if let activityID = input.activityID, !section.activities.contains(where: { $0.id == activityID }) {
                return .sectionNotInPlan
            }
            var parent: PlanReaction?
            if let parentID = input.parentID {
                guard var target = try await PlanReaction.find(parentID, on: db), target.planID == planID,
                    target.sectionID == sectionID, target.activityID == input.activityID
                else { return .parentGone }
                // One level deep: an answer to an answer answers its thread.
                if let top = target.parentID {
                    guard let topReaction = try await PlanReaction.find(top, on: db) else { return .parentGone }
                    target = topReaction
                }
                guard target.status == .visible || target.status == .held else { return .parentGone }
                parent = target
            }
            let parentID = try parent?.requireID()
            let sameEarlier = try await PlanReaction.query(on: db).filter(\.$planID == planID).filter(\.$sectionID == sectionID)
                .filter(\.$activityID == input.activityID).filter(\.$parentID == parentID).filter(\.$userID == userID)
                .filter(\.$createdAt >= now.addingTimeInterval(-PlanReaction.duplicateWindow)).filter(\.$body == body)
                .first()
            if let sameEarlier { return .duplicate(try sameEarlier.requireID()) }
            guard try await ReactionLimits.react.hit(userID.uuidString, now: now, on: db) else { return .rateLimited }

            let reaction = PlanReaction(
                planID: planID, sectionID: sectionID, activityID: input.activityID, parentID: parentID,
                versionNumber: plan.publishedVersion, userID: userID, asMovement: input.asMovement && isCoordinator, body: body, now: now)
            try await reaction.create(on: db)
            plan.reactionCount += 1
            try await plan.save(on: db)
            let reactionID = try reaction.requireID()
            if let author = parent?.userID, author != userID {
                try await PlanNotifications.record(.reply, for: [author], planID: planID, subjectID: reactionID, now: now, on: db)
            }
            return .posted(reactionID)
        }
    }
}
