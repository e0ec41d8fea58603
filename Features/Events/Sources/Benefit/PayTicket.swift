import Fluent
import Foundation
import Fund
import KrachtCore
import Vapor

/// Mollie says a ticket is paid: its money is posted to the fund's ledger as event income —
/// once, however often Mollie calls (the ledger refuses a second entry of the same cause) — and
/// the registration is confirmed and mailed, in one transaction under the event's lock. A payment
/// for an event called off, or for a registration cancelled meanwhile, never confirms it; one
/// that arrives after its hold expired still gets its place if the places are there. Money that
/// found no place stays booked and is marked refund due (`TicketRefunds`) for the treasurer.
struct PayTicket: Sendable {
    enum Outcome: Sendable, Equatable {
        case confirmed
        /// Paid, but the event is off, the registration cancelled or its places went to others: refund due.
        case paidWithoutPlace
        /// Posted before (a repeated webhook).
        case alreadyPaid
        case notFound
    }

    let app: Application

    func run(_ payment: MollieClient.Payment, registrationID: UUID) async throws -> Outcome {
        guard let cents = payment.amount.cents, cents > 0 else {
            app.logger.error("events: a paid ticket payment without a euro amount", metadata: ["payment": .string(payment.id)])
            return .notFound
        }
        let app = self.app
        let outcome: Outcome = try await app.db.writeTransaction { db in
            guard let (registration, event) = try await EventRegistration.lockedWithEvent(registrationID, on: db) else { return .notFound }
            let now = app.clock.now()
            let posted = try await Ledger.post(
                Ledger.Entry(
                    kind: "ticket", cause: .init("mollie_payment", payment.id), bookedAt: payment.paidDate ?? now,
                    memo: "ticket \(registrationID.uuidString)",
                    // Mollie invoices its fees separately (as for gifts): the whole amount reaches our Mollie balance.
                    lines: [.debit(.mollie, cents - Self.feeCents), .debit(.mollieFees, Self.feeCents), .credit(.eventIncome, cents)]),
                on: db)
            guard case .posted = posted else { return .alreadyPaid }
            registration.paymentID = registration.paymentID ?? payment.id
            registration.paidCents = cents
            registration.holdUntil = nil
            registration.updatedAt = now
            let outcome = place(registration, at: event, now: now)
            if outcome == .paidWithoutPlace { try await TicketRefunds.markDue(registration, .paidWithoutPlace, by: nil, on: db) }
            try await registration.save(on: db)
            try await event.save(on: db)
            if outcome == .confirmed { try await EventMails.confirmed(registration, of: event, app: app, on: db) }
            return outcome
        }
        if outcome == .paidWithoutPlace {
            app.logger.warning(
                "events: a ticket was paid without a place (cancelled, or its places went to others); marked refund due",
                metadata: ["registration": .string(registrationID.uuidString), "payment": .string(payment.id)])
        }
        if outcome == .confirmed || outcome == .paidWithoutPlace { FundTotals.changed(app) }
        return outcome
    }

    /// Mollie's fee is on its invoice, not on the payment.
    static let feeCents: Int64 = 0

    /// The paid registration's place: the one it holds, or free places if its hold ran out. Never
    /// on an event called off (a hold it had is given up) nor for a registration cancelled meanwhile.
    private func place(_ registration: EventRegistration, at event: Event, now: Date) -> Outcome {
        if event.isCancelled {
            if registration.status.holdsPlaces && registration.status != .confirmed {
                event.placesTaken = max(0, event.placesTaken - registration.partySize)
                registration.status = .cancelled
            }
            return .paidWithoutPlace
        }
        if registration.status.holdsPlaces {
            registration.status = .confirmed
            return .confirmed
        }
        // Cancelled by the person while the payment was open: they left, the money goes back.
        guard registration.status == .expired || registration.status == .waitlisted else { return .paidWithoutPlace }
        let wasWaitlisted = registration.status == .waitlisted
        guard !event.hasEnded(at: now), registration.partySize <= event.placesLeft else { return .paidWithoutPlace }
        event.placesTaken += registration.partySize
        if wasWaitlisted { event.waitlisted = max(0, event.waitlisted - 1) }
        registration.status = .confirmed
        return .confirmed
    }
}
