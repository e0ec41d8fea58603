import Fluent
import Foundation
import KrachtCore

/// A recurring event ("every second Wednesday of the month at 19:30", per district): a template
/// and a rule; its occurrences are `Event` rows made by `SeriesOccurrences`, each changeable or
/// cancellable on its own (`Event.detached`).
public final class EventSeries: Model, @unchecked Sendable {
    public static let schema = "event_series"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "kind") public var kind: Event.Kind
    /// The rule as text (`RecurrenceRule`): `monthly:2:3` = the 2nd Wednesday of every month,
    /// `monthly:-1:4` = the last Thursday, `weekly:2:1` = every other Monday.
    @Field(key: "rule") public var rule: String
    /// Local start time in Amsterdam, minutes after midnight (19:30 = 1170): the same wall-clock
    /// time in summer and winter.
    @Field(key: "start_minute") public var startMinute: Int
    @Field(key: "duration_minutes") public var durationMinutes: Int
    /// The first and last day occurrences may fall on (Amsterdam days, midnight).
    @Field(key: "first_day") public var firstDay: Date
    @Field(key: "last_day") public var lastDay: Date
    @Field(key: "venue") public var venue: String
    @Field(key: "address") public var address: String
    @OptionalField(key: "district") public var district: String?
    @OptionalField(key: "area") public var area: String?
    @OptionalField(key: "online_url") public var onlineURL: String?
    @Field(key: "step_free") public var stepFree: Bool
    @Field(key: "hearing_loop") public var hearingLoop: Bool
    @Field(key: "quiet_room") public var quietRoom: Bool
    @OptionalField(key: "organiser_id") public var organiserID: UUID?
    @OptionalField(key: "initiative_id") public var initiativeID: UUID?
    @Field(key: "capacity") public var capacity: Int
    @Field(key: "ask_dietary") public var askDietary: Bool
    @Field(key: "ask_accessibility") public var askAccessibility: Bool
    @Field(key: "house_rules") public var houseRules: String
    /// `scheduled` or `cancelled` (the whole series, from now on).
    @Field(key: "status") public var status: Event.Status
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}
