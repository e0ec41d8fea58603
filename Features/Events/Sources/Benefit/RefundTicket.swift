import Fluent
import Foundation
import Fund
import KrachtCore
import Vapor

/// The treasurer pays a ticket back that is refund due: through Mollie when it is configured
/// (one refund per registration however often this runs: Mollie's idempotency key), then in one
/// transaction the ledger gets a `ticket_refund` entry (debit event income, credit Mollie —
/// once: the ledger refuses a second entry of the same cause), the registration its
/// `refundedAt` and the audit log a line. Without Mollie the treasurer paid it by hand.
struct RefundTicket: Sendable {
    enum Outcome: Sendable, Equatable {
        case refunded(cents: Int64)
        case alreadyRefunded
        /// Nothing is owed back for this registration.
        case notDue
        /// Mollie refused or could not be reached: nothing booked, try again.
        case mollieFailed(temporary: Bool)
    }

    let app: Application

    func run(_ registrationID: UUID, by treasurer: User) async throws -> Outcome {
        let app = self.app
        guard let registration = try await EventRegistration.find(registrationID, on: app.db),
            let cents = registration.refundDueCents, cents > 0
        else { return .notDue }
        guard registration.refundedAt == nil else { return .alreadyRefunded }
        var mollieRefundID: String?
        if app.fundSettings.mollieAPIKey != nil, let paymentID = registration.paymentID {
            do {
                mollieRefundID = try await MollieClient(app: app).createRefund(
                    paymentID: paymentID, cents: cents, description: "Ticket refund",
                    idempotencyKey: "event-ticket-refund-\(registrationID.uuidString)"
                ).id
            } catch let error as MollieError {
                app.logger.warning(
                    "events: Mollie refused a ticket refund",
                    metadata: ["registration": .string(registrationID.uuidString), "error": "\(error)"])
                return .mollieFailed(temporary: error.isTemporary)
            }
        }
        let actorID = try treasurer.requireID()
        let refundID = mollieRefundID
        let outcome: Outcome = try await app.db.writeTransaction { db in
            guard let stored = try await EventRegistration.locked(registrationID, on: db), stored.refundDueCents == cents else {
                return .notDue
            }
            guard stored.refundedAt == nil else { return .alreadyRefunded }
            let now = app.clock.now()
            let posted = try await Ledger.post(
                Ledger.Entry(
                    kind: "ticket_refund", cause: .init("event_registration", registrationID.uuidString), bookedAt: now, actorID: actorID,
                    memo: "ticket refund \(registrationID.uuidString)", lines: [.debit(.eventIncome, cents), .credit(.mollie, cents)]),
                on: db)
            guard case .posted = posted else { return .alreadyRefunded }
            stored.refundedAt = now
            stored.refundID = refundID
            stored.updatedAt = now
            try await stored.save(on: db)
            try await AuditEvent.record(
                "events.refund", subject: "event_registration:\(registrationID)", details: "\(refundID ?? "by hand") \(cents) cents",
                by: actorID, on: db)
            return .refunded(cents: cents)
        }
        if case .refunded = outcome { FundTotals.changed(app) }
        return outcome
    }
}
