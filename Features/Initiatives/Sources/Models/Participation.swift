import Fluent
import Foundation
import KrachtCore

/// A resident's "ik doe mee" on an action: asked, then accepted or declined by an organiser
/// (or withdrawn by the resident). One per resident and action.
public final class Participation: Model, @unchecked Sendable {
    public static let schema = "action_participations"

    public enum State: String, Codable, Sendable, CaseIterable { case requested, accepted, declined, withdrawn }

    @ID(key: .id) public var id: UUID?
    @Field(key: "action_id") public var actionID: UUID
    @Field(key: "initiative_id") public var initiativeID: UUID
    /// Nil once the resident's account is erased (the count stays).
    @OptionalField(key: "user_id") public var userID: UUID?
    @Field(key: "state") public var state: State
    /// A short note to the organiser, optional.
    @OptionalField(key: "message") public var message: String?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "decided_by") public var decidedBy: UUID?

    public init() {}
}

/// The first time a person was connected to an initiative or action: one row per person, so
/// the plan's indicator "people connected" counts each person once. Kept (without the person)
/// when their account is erased.
public final class Connection: Model, @unchecked Sendable {
    public static let schema = "initiative_connections"
    public enum Via: String, Codable, Sendable { case action, member }
    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "user_id") public var userID: UUID?
    @Field(key: "via") public var via: Via
    @Field(key: "connected_at") public var connectedAt: Date
    public init() {}
}

/// A resident following an initiative: its new actions come in their weekly digest.
public final class InitiativeFollow: Model, @unchecked Sendable {
    public static let schema = "initiative_follows"
    @ID(key: .id) public var id: UUID?
    @Field(key: "initiative_id") public var initiativeID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

/// A short appreciation after taking part: a rating of 1–5 and a few words. Anyone signed in
/// can report it; after enough reports it is hidden until a coordinator keeps or removes it.
public final class Appreciation: Model, @unchecked Sendable {
    public static let schema = "initiative_appreciations"
    public enum State: String, Codable, Sendable, CaseIterable { case visible, hidden, removed }
    @ID(key: .id) public var id: UUID?
    @Field(key: "initiative_id") public var initiativeID: UUID
    @OptionalField(key: "user_id") public var userID: UUID?
    @Field(key: "rating") public var rating: Int
    @Field(key: "text") public var text: String
    @Field(key: "state") public var state: State
    @Field(key: "report_count") public var reportCount: Int
    /// Set when a coordinator decided to keep it: later reports no longer hide it.
    @Field(key: "kept") public var kept: Bool
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    public init() {}
}

/// One person's report of an appreciation (once per person).
public final class AppreciationReport: Model, @unchecked Sendable {
    public static let schema = "initiative_appreciation_reports"
    @ID(key: .id) public var id: UUID?
    @Field(key: "appreciation_id") public var appreciationID: UUID
    @OptionalField(key: "user_id") public var userID: UUID?
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}
