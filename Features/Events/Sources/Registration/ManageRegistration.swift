import Fluent
import Foundation
import KrachtCore
import Vapor

/// Confirming from the mailed link: a held place (anonymous, or offered from the waitlist)
/// becomes the person's. A second post says it is confirmed already.
struct ConfirmRegistration: Sendable {
    enum Outcome: Sendable {
        case confirmed, alreadyConfirmed
        /// A paid event's place offered from the waitlist: held for the payment now (`TicketCheckout.start` next).
        case mustPay(EventRegistration, Event)
        /// The hold ran out (the places went to the next in line).
        case tooLate
        /// Cancelled, expired, waiting, unpaid or the event is off: nothing to confirm.
        case notConfirmable(EventRegistration.Status)
        case unknown
    }

    let app: Application

    func run(token: String) async throws -> Outcome {
        guard let id = EventTokens.registrationID(from: token, .manage, app: app) else { return .unknown }
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard let (registration, event) = try await EventRegistration.lockedWithEvent(id, on: db) else { return .unknown }
            switch registration.status {
            case .confirmed: return .alreadyConfirmed
            // The hold's job came first: the place went to the next in line.
            case .expired: return .tooLate
            case .pending, .offered:
                if let until = registration.holdUntil, until <= now {
                    try await HoldExpiry.expire(id, now: now, app: app, mail: false, on: db)
                    return .tooLate
                }
                guard !event.isCancelled, !event.hasEnded(at: now) else { return .notConfirmable(registration.status) }
                if event.isPaid && registration.paidCents == 0 {
                    registration.status = .awaitingPayment
                    registration.holdUntil = now.addingTimeInterval(RegisterForEvent.paymentHold)
                    registration.updatedAt = now
                    try await registration.save(on: db)
                    try await HoldExpiry.schedule(registration, on: db)
                    return .mustPay(registration, event)
                }
                registration.status = .confirmed
                registration.holdUntil = nil
                registration.updatedAt = now
                try await registration.save(on: db)
                try await EventMails.confirmed(registration, of: event, app: app, on: db)
                return .confirmed
            default: return .notConfirmable(registration.status)
            }
        }
    }
}

/// Cancelling from the link: held places go to the waitlist, a place in line is given up, and
/// the waitlist is filled after every cancellation (a big party leaving the head of the line
/// lets the smaller ones behind it move up). Not once checked in or once the event has started:
/// the place was used, and offering it mid-event helps nobody. A second post says it is
/// cancelled already.
struct CancelRegistration: Sendable {
    enum Outcome: Sendable, Equatable {
        /// `refundByHand`: a paid ticket, which the organiser refunds.
        case cancelled(refundByHand: Bool)
        case alreadyCancelled
        case checkedIn
        case started
        case unknown
    }

    let app: Application

    func run(token: String) async throws -> Outcome {
        guard let id = EventTokens.registrationID(from: token, .manage, app: app) else { return .unknown }
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard let (registration, event) = try await EventRegistration.lockedWithEvent(id, on: db) else { return .unknown }
            guard registration.status.isActive else { return .alreadyCancelled }
            if registration.checkedInAt != nil { return .checkedIn }
            if !Self.canCancel(event, now: now) { return .started }
            try await Self.leave(registration, of: event, now: now, app: app, on: db)
            return .cancelled(refundByHand: registration.paidCents > 0)
        }
    }

    /// Cancelling is possible until the start.
    static func canCancel(_ event: Event, now: Date) -> Bool { now < event.startsAt }

    /// An active registration leaves: its places or its place in line are given up and the
    /// waitlist is filled. Call inside a write transaction with `event` locked and
    /// `registration` read after the lock (`EventRegistration.lockedWithEvent`). A paid ticket
    /// is marked refund due (`TicketRefunds`, for `reason`).
    static func leave(
        _ registration: EventRegistration, of event: Event, now: Date, reason: TicketRefunds.Reason = .cancelled, app: Application,
        on db: any Database
    ) async throws {
        guard registration.status.isActive else { return }
        try await TicketRefunds.markDue(registration, reason, by: nil, on: db)
        // A walk-in came in at the door and never held a place.
        if registration.status.holdsPlaces, !registration.walkIn {
            event.placesTaken = max(0, event.placesTaken - registration.partySize)
        } else if registration.status == .waitlisted {
            event.waitlisted = max(0, event.waitlisted - 1)
        }
        registration.status = .cancelled
        registration.holdUntil = nil
        registration.updatedAt = now
        try await registration.save(on: db)
        event.updatedAt = now
        try await event.save(on: db)
        try await Waitlist.fill(event, now: now, app: app, on: db)
    }
}
