import Fluent
import Foundation
import KrachtCore

/// A resident's reaction to a section or an activity, in their own name, or a coordinator's
/// answer as the movement (`asMovement`). Threaded one level deep: a reply's `parentID` is a
/// reaction without a parent. It keeps the version it was written on.
public final class PlanReaction: Model, @unchecked Sendable {
    public static let schema = "plan_reactions"

    public enum Status: String, Codable, Sendable, CaseIterable {
        case visible
        /// Reported by `PlanModerationRules.hideThreshold` people: hidden until a moderator decides.
        case held
        /// Removed by a moderator.
        case removed
        /// Withdrawn by its writer.
        case withdrawn
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "section_id") public var sectionID: UUID
    @OptionalField(key: "activity_id") public var activityID: UUID?
    @OptionalField(key: "parent_id") public var parentID: UUID?
    /// The published version the writer was reading.
    @Field(key: "version_number") public var versionNumber: Int
    /// Nil once the account is deleted: shown as "deleted account".
    @OptionalField(key: "user_id") public var userID: UUID?
    @Field(key: "as_movement") public var asMovement: Bool
    @Field(key: "body") public var body: String
    @Field(key: "status") public var status: Status
    @Field(key: "report_count") public var reportCount: Int
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(
        planID: UUID, sectionID: UUID, activityID: UUID?, parentID: UUID?, versionNumber: Int, userID: UUID?, asMovement: Bool,
        body: String, now: Date
    ) {
        self.planID = planID
        self.sectionID = sectionID
        self.activityID = activityID
        self.parentID = parentID
        self.versionNumber = versionNumber
        self.userID = userID
        self.asMovement = asMovement
        self.body = body
        self.status = .visible
        self.reportCount = 0
        self.createdAt = now
        self.updatedAt = now
    }
}

/// One report of a reaction, once per reporter (`reporterKey`: the account's id, or a keyed
/// hash of an anonymous visitor's address).
public final class PlanReactionReport: Model, @unchecked Sendable {
    public static let schema = "plan_reaction_reports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "reaction_id") public var reactionID: UUID
    @Field(key: "reporter_key") public var reporterKey: String
    @Field(key: "reason") public var reason: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A moderator's decision on a reaction, kept for coordinators to see.
public final class PlanModerationDecision: Model, @unchecked Sendable {
    public static let schema = "plan_moderation_decisions"

    public enum Decision: String, Codable, Sendable, CaseIterable {
        /// Shown again; its reports are settled.
        case keep
        case remove
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "reaction_id") public var reactionID: UUID
    @OptionalField(key: "moderator_id") public var moderatorID: UUID?
    @Field(key: "decision") public var decision: Decision
    @Field(key: "reason") public var reason: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
