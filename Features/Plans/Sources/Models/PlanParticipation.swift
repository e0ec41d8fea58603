import Fluent
import Foundation
import KrachtCore

/// A resident's support for an activity: once per person (unique), withdrawable (deleted).
public final class PlanSupport: Model, @unchecked Sendable {
    public static let schema = "plan_supports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "activity_id") public var activityID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// "Ik help mee" or "ik organiseer mee" on an activity, with a short note; once per person per
/// activity, withdrawable (deleted). Organisers count towards the plan's "actively involved".
public final class PlanSignup: Model, @unchecked Sendable {
    public static let schema = "plan_signups"

    public enum Role: String, Codable, Sendable, CaseIterable {
        case help
        case organise
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "activity_id") public var activityID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "role") public var role: Role
    @Field(key: "note") public var note: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A resident's proposal: a new activity for a section, or another text for a section (the whole
/// new Markdown, shown as a diff against the version it was written on).
public final class PlanSuggestion: Model, @unchecked Sendable {
    public static let schema = "plan_suggestions"

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case activity
        case sectionText = "section_text"
    }

    public enum Status: String, Codable, Sendable, CaseIterable {
        case open
        /// Part of the draft, credited to the proposer; `appliedVersion` once published.
        case accepted
        /// Taken together with `mergedIntoID`.
        case merged
        case declined
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "section_id") public var sectionID: UUID
    @Field(key: "kind") public var kind: Kind
    /// The new activity's title, or a one-line summary of the text change.
    @Field(key: "title") public var title: String
    /// The new activity's description, or the section's whole proposed Markdown.
    @Field(key: "body") public var body: String
    @Field(key: "timing") public var timing: String
    @Field(key: "needs") public var needs: String
    @OptionalField(key: "domain") public var domain: String?
    @OptionalField(key: "district") public var district: String?
    /// Why, in the proposer's words.
    @Field(key: "explanation") public var explanation: String
    /// The published version it was written against.
    @Field(key: "base_version") public var baseVersion: Int
    /// Nil once the proposer's account is deleted.
    @OptionalField(key: "user_id") public var userID: UUID?
    @Field(key: "status") public var status: Status
    @OptionalField(key: "decision_reason") public var decisionReason: String?
    @OptionalField(key: "merged_into_id") public var mergedIntoID: UUID?
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    /// The version that first published the accepted change.
    @OptionalField(key: "applied_version") public var appliedVersion: Int?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// Following a plan: its digest tells of new versions.
public final class PlanFollow: Model, @unchecked Sendable {
    public static let schema = "plan_follows"

    @ID(key: .id) public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// Something to tell a person in their next digest; `sentAt` once mailed.
public final class PlanNotification: Model, @unchecked Sendable {
    public static let schema = "plan_notifications"

    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A plan they follow has a new version (`subjectID`: the `PlanVersion`).
        case versionPublished = "version_published"
        /// Their suggestion was decided (`subjectID`: the `PlanSuggestion`).
        case suggestionDecided = "suggestion_decided"
        /// Someone answered their reaction (`subjectID`: the answer, a `PlanReaction`).
        case reply
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "kind") public var kind: Kind
    @Field(key: "subject_id") public var subjectID: UUID
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "sent_at") public var sentAt: Date?

    public init() {}
}

/// A person who turned the plans digest off (the one-click unsubscribe): nothing is recorded for them.
public final class PlanDigestOptOut: Model, @unchecked Sendable {
    public static let schema = "plan_digest_optouts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
