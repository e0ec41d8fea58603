import Fluent
import Foundation
import KrachtCore

/// Paid money that has to go back: a paid registration cancelled (by the person, by erasing
/// their account, by calling the event off) or a payment that found no place. It is marked
/// once, in the transaction that made it due, with a line in the audit log; the treasurer pays
/// it back from the list of refunds due (`RefundTicket`). Nothing here moves money.
enum TicketRefunds {
    enum Reason: String, Sendable {
        case cancelled
        case erased
        case eventCancelled = "event_cancelled"
        /// Paid after its hold ran out or it was cancelled, with no place for it.
        case paidWithoutPlace = "paid_without_place"
    }

    /// Marks `registration` (locked, in the caller's transaction) refund due if it paid and is
    /// not marked yet; the caller saves it. Returns whether it was marked now.
    @discardableResult
    static func markDue(_ registration: EventRegistration, _ reason: Reason, by actorID: UUID?, on db: any Database) async throws
        -> Bool
    {
        guard registration.paidCents > 0, registration.refundDueCents == nil, let id = registration.id else { return false }
        registration.refundDueCents = registration.paidCents
        try await AuditEvent.record(
            "events.refund_due", subject: "event_registration:\(id)", details: "\(registration.paidCents) cents: \(reason.rawValue)",
            by: actorID, on: db)
        return true
    }

    /// An event called off: every paid registration of it is owed back (call with the event locked).
    static func markDue(event eventID: UUID, by actorID: UUID?, on db: any Database) async throws {
        let paid = try await EventRegistration.query(on: db).filter(\.$eventID == eventID).filter(\.$paidCents > 0)
            .filter(\.$refundDueCents == nil).all()
        for registration in paid {
            if try await markDue(registration, .eventCancelled, by: actorID, on: db) { try await registration.save(on: db) }
        }
    }

    /// Refunds still to be paid, oldest first, at most `limit`.
    static func due(eventID: UUID? = nil, limit: Int, on db: any Database) async throws -> [EventRegistration] {
        let query = EventRegistration.query(on: db).filter(\.$refundDueCents != nil).filter(\.$refundedAt == nil)
        if let eventID { query.filter(\.$eventID == eventID) }
        return try await query.sort(\.$updatedAt).sort(\.$id).limit(limit).all()
    }
}
