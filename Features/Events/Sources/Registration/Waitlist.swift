import Fluent
import Foundation
import KrachtCore
import Vapor

/// Filling freed places from the waitlist, in arrival order.
public enum Waitlist {
    /// How long a promoted person has to confirm, and how long before the start it ends at the latest.
    static let offerHold: TimeInterval = 48 * 3600
    static let offerEndsBeforeStart: TimeInterval = 3600
    /// Promotions per call: a waitlist is never longer than the places, but a loop needs a bound.
    static let maxPerFill = 500

    /// Offers places to the waitlist in order while they fit, mailing each promoted person with a
    /// deadline to confirm. Strict order: it stops at the first party that does not fit, so nobody
    /// is passed. Call inside a write transaction with `event` read locked (`Event.locked`); it
    /// saves the event when it promoted someone.
    public static func fill(_ event: Event, now: Date, app: Application, on db: any Database) async throws {
        guard !event.isCancelled, !event.hasEnded(at: now), event.waitlisted > 0 else { return }
        let eventID = try event.requireID()
        var promoted = 0
        while promoted < maxPerFill {
            guard
                let next = try await EventRegistration.query(on: db).filter(\.$eventID == eventID)
                    .filter(\.$status == .waitlisted).sort(\.$position).first(),
                next.partySize <= event.capacity - event.placesTaken
            else { break }
            next.status = .offered
            next.holdUntil = offerDeadline(for: event, now: now)
            next.updatedAt = now
            try await next.save(on: db)
            event.placesTaken += next.partySize
            event.waitlisted -= 1
            try await RegistrationMails(app: app).offered(next, of: event, on: db)
            try await HoldExpiry.schedule(next, on: db)
            promoted += 1
        }
        if promoted > 0 {
            event.updatedAt = now
            try await event.save(on: db)
        }
    }

    /// 48 hours, but ending an hour before the start; when that has passed already, the start
    /// itself (and once started, the end), so the offer is never born expired.
    static func offerDeadline(for event: Event, now: Date) -> Date {
        let deadline = min(now.addingTimeInterval(offerHold), event.startsAt.addingTimeInterval(-offerEndsBeforeStart))
        if deadline > now { return deadline }
        return event.startsAt > now ? event.startsAt : event.endsAt
    }

    /// How many of the waitlist are before this registration.
    static func ahead(of registration: EventRegistration, on db: any Database) async throws -> Int {
        try await EventRegistration.query(on: db).filter(\.$eventID == registration.eventID).filter(\.$status == .waitlisted)
            .filter(\.$position < registration.position).count()
    }
}
