import Fluent
import Foundation
import KrachtCore

/// One gathering at one time: a one-off event, or one occurrence of a series (`seriesID`). Times
/// are stored in UTC and shown in Amsterdam time. The counters are kept by the commands under
/// the event's row lock (`Event.locked`) and recounted by `kracht verify`.
public final class Event: Model, @unchecked Sendable {
    public static let schema = "events"

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case launch, benefit, actionDay = "action_day", meetup, other
    }

    public enum Status: String, Codable, Sendable, CaseIterable { case scheduled, cancelled }

    @ID(key: .id) public var id: UUID?
    /// Readable and unique: `buurtgesprek-west-2027-01-13`.
    @Field(key: "slug") public var slug: String
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "kind") public var kind: Kind
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    /// The venue's name ("Buurthuis De Meeuw"); empty when online only.
    @Field(key: "venue") public var venue: String
    @Field(key: "address") public var address: String
    @OptionalField(key: "district") public var district: String?
    @OptionalField(key: "area") public var area: String?
    /// An https link for an online event (or an online part).
    @OptionalField(key: "online_url") public var onlineURL: String?
    // The venue's accessibility.
    @Field(key: "step_free") public var stepFree: Bool
    @Field(key: "hearing_loop") public var hearingLoop: Bool
    @Field(key: "quiet_room") public var quietRoom: Bool
    /// The person who runs it (a coordinator or an organiser of `initiativeID`).
    @OptionalField(key: "organiser_id") public var organiserID: UUID?
    @OptionalField(key: "initiative_id") public var initiativeID: UUID?
    /// The fund campaign a benefit event raises money for (`FundCampaign`).
    @OptionalField(key: "campaign_id") public var campaignID: UUID?
    /// Places, guests included; at least 1.
    @Field(key: "capacity") public var capacity: Int
    /// Registration closes then (defaults to the start).
    @Field(key: "registration_deadline") public var registrationDeadline: Date
    /// 0 = free; else the ticket price per person (guests included), paid online.
    @Field(key: "ticket_price_cents") public var ticketPriceCents: Int64
    // What the organiser asks of each registration.
    @Field(key: "ask_dietary") public var askDietary: Bool
    @Field(key: "ask_accessibility") public var askAccessibility: Bool
    /// House rules a registrant must accept (a checkbox); empty = none.
    @Field(key: "house_rules") public var houseRules: String
    @Field(key: "status") public var status: Status
    /// The iCalendar SEQUENCE: bumped on every change a calendar shows (time, place, title, cancellation).
    @Field(key: "sequence") public var sequence: Int
    @OptionalField(key: "series_id") public var seriesID: UUID?
    /// The occurrence's start as the series made it (the iCalendar RECURRENCE-ID), kept when moved.
    @OptionalField(key: "series_start") public var seriesStart: Date?
    /// Moved or changed on its own: a change to the series leaves it alone.
    @Field(key: "detached") public var detached: Bool
    // Counters (kept under the row lock, recounted by verify).
    /// Places held: 1 + guests of every pending, offered, awaiting-payment and confirmed registration.
    @Field(key: "places_taken") public var placesTaken: Int
    /// Registrations on the waitlist.
    @Field(key: "waitlisted") public var waitlisted: Int
    /// People checked in (1 + guests per registration, walk-ins included).
    @Field(key: "attended") public var attended: Int
    /// The next arrival number: registrations are numbered in the order they came in.
    @Field(key: "next_position") public var nextPosition: Int
    @OptionalField(key: "reminder_sent_at") public var reminderSentAt: Date?
    @OptionalField(key: "thanks_sent_at") public var thanksSentAt: Date?
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public var isCancelled: Bool { status == .cancelled }
    public var placesLeft: Int { max(0, capacity - placesTaken) }
    public var isFull: Bool { placesTaken >= capacity }
    public var isPaid: Bool { ticketPriceCents > 0 }
    public func hasEnded(at now: Date) -> Bool { endsAt <= now }
    public func registrationIsOpen(at now: Date) -> Bool { !isCancelled && now < registrationDeadline && now < endsAt }
}
