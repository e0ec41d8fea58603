import Fluent
import Foundation
import KrachtCore
import Vapor

/// A ticket that will not be paid (no payment provider, Mollie said no, the payer gave up or the
/// payment failed or expired): its registration is cancelled and the places it held go to the
/// waitlist, in one transaction under the event's lock. A registration that no longer holds
/// places for a payment (paid, expired meanwhile, cancelled) is left as it is.
struct ReleaseTicketHold: Sendable {
    enum Outcome: Sendable, Equatable { case released, notHolding, notFound }

    let app: Application

    @discardableResult
    func run(_ registrationID: UUID) async throws -> Outcome {
        let app = self.app
        return try await app.db.writeTransaction { db in
            guard let (registration, event) = try await EventRegistration.lockedWithEvent(registrationID, on: db) else { return .notFound }
            guard registration.status == .awaitingPayment else { return .notHolding }
            let now = app.clock.now()
            registration.status = .cancelled
            registration.holdUntil = nil
            registration.updatedAt = now
            try await registration.save(on: db)
            event.placesTaken = max(0, event.placesTaken - registration.partySize)
            try await event.save(on: db)
            try await Waitlist.fill(event, now: now, app: app, on: db)
            return .released
        }
    }
}
