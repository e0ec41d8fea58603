import Fluent
import Foundation
import KrachtCore

/// Something concrete to join: a one-off task, a weekly shift or a campaign role, with the
/// skills it asks, the time it takes, when and where (or online) and how many people it needs.
public final class InitiativeAction: Model, @unchecked Sendable {
    public static let schema = "initiative_actions"

    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Once, on `startsAt`.
        case task
        /// Every week in one window (`weekday` × `dayPart`).
        case shift
        /// A role in a campaign, done when it suits (optionally from `startsAt`).
        case role
    }

    public enum Status: String, Codable, Sendable, CaseIterable { case open, closed, cancelled }

    @ID(key: .id) public var id: UUID?
    @Field(key: "initiative_id") public var initiativeID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "kind") public var kind: Kind
    /// Time asked of one person, per occasion, in minutes.
    @Field(key: "minutes_needed") public var minutesNeeded: Int
    @OptionalField(key: "starts_at") public var startsAt: Date?
    /// 1 = Monday … 7 = Sunday, for a shift.
    @OptionalField(key: "weekday") public var weekday: Int?
    /// `AvailabilityGrid.DayPart` raw value, for a shift.
    @OptionalField(key: "day_part") public var dayPart: String?
    /// The cells of the weekly availability grid this action falls in (`AvailabilityGrid`); 0 = any time.
    @Field(key: "slots") public var slots: Int
    @Field(key: "online") public var online: Bool
    @OptionalField(key: "district") public var district: String?
    @OptionalField(key: "area") public var area: String?
    /// Languages spoken there (comma-separated codes of `SpokenLanguage`); empty = no requirement.
    @Field(key: "languages") public var languages: String
    /// How many people it needs; at least 1.
    @Field(key: "places") public var places: Int
    /// Accepted participants (kept by the commands, recounted by verify).
    @Field(key: "accepted_count") public var acceptedCount: Int
    @Field(key: "status") public var status: Status
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public var isFull: Bool { acceptedCount >= places }
}

/// A skill an action asks for (`Skill`, by its canonical id).
public final class ActionSkill: Model, @unchecked Sendable {
    public static let schema = "action_skills"
    @ID(key: .id) public var id: UUID?
    @Field(key: "action_id") public var actionID: UUID
    @Field(key: "skill_id") public var skillID: UUID
    public init() {}
    public init(actionID: UUID, skillID: UUID) {
        self.actionID = actionID
        self.skillID = skillID
    }
}
