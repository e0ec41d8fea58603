import Fluent
import Foundation
import KrachtCore

/// One person's registration for an event, for themselves and `guests` more, with or without
/// an account. It is numbered in arrival order (`position`); the waitlist is promoted in that order.
public final class EventRegistration: Model, @unchecked Sendable {
    public static let schema = "event_registrations"

    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Anonymous: the places are held until `holdUntil` while the e-mail link is not yet followed.
        case pending
        /// Promoted from the waitlist: the places are held until `holdUntil` for them to confirm.
        case offered
        /// A paid ticket: the places are held until `holdUntil` while the payment is open.
        case awaitingPayment = "awaiting_payment"
        case confirmed
        case waitlisted
        case cancelled
        /// Not confirmed or paid in time: the places went to the next in line.
        case expired

        /// Statuses that hold places (and count in `Event.placesTaken`).
        public static let holding: [Status] = [.pending, .offered, .awaitingPayment, .confirmed]
        public var holdsPlaces: Bool { Self.holding.contains(self) }
        /// Still in the running: holding places or on the waitlist.
        public var isActive: Bool { holdsPlaces || self == .waitlisted }
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "event_id") public var eventID: UUID
    @OptionalField(key: "user_id") public var userID: UUID?
    @Field(key: "name") public var name: String
    /// Where the mails go; empty for a walk-in without one.
    @Field(key: "email") public var email: String
    /// `EmailAddress.canonicalMailbox` of `email`: one active registration per address per event.
    @Field(key: "email_key") public var emailKey: String
    @Field(key: "guests") public var guests: Int
    @OptionalField(key: "dietary") public var dietary: String?
    @OptionalField(key: "accessibility") public var accessibility: String?
    @Field(key: "house_rules_accepted") public var houseRulesAccepted: Bool
    @Field(key: "status") public var status: Status
    /// Arrival order within the event (from `Event.nextPosition`).
    @Field(key: "position") public var position: Int
    /// Until when `pending`, `offered` or `awaitingPayment` places are held.
    @OptionalField(key: "hold_until") public var holdUntil: Date?
    @Field(key: "language") public var language: Language
    @Field(key: "walk_in") public var walkIn: Bool
    @OptionalField(key: "checked_in_at") public var checkedInAt: Date?
    @OptionalField(key: "checked_in_by") public var checkedInBy: UUID?
    /// The Mollie payment of a paid ticket (`tr_…`) and what it charged.
    @OptionalField(key: "payment_id") public var paymentID: String?
    @Field(key: "paid_cents") public var paidCents: Int64
    /// Paid money owed back (cancelled, erased, event called off, paid without a place) — set
    /// once by `TicketRefunds.markDue` — and when the treasurer paid it back (`RefundTicket`).
    @OptionalField(key: "refund_due_cents") public var refundDueCents: Int64?
    @OptionalField(key: "refunded_at") public var refundedAt: Date?
    /// Mollie's refund (`re_…`), when it went through Mollie.
    @OptionalField(key: "refund_id") public var refundID: String?
    @OptionalField(key: "reminded_at") public var remindedAt: Date?
    @OptionalField(key: "thanked_at") public var thankedAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    /// The campaign code of the link it came through (`?ref=`), for the campaign register.
    @OptionalField(key: "ref") public var ref: String?

    public init() {}

    /// The person and their guests.
    public var partySize: Int { 1 + guests }
}

/// The secret in a person's private calendar feed: the feed's address is their user id and a
/// keyed hash of it with this salt; a new salt (a reset) makes the old address stop working.
public final class EventFeedKey: Model, @unchecked Sendable {
    public static let schema = "event_feed_keys"
    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "salt") public var salt: String
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}
