import Fluent
import Foundation
import KrachtCore
import Vapor

/// Checks a registration in at the door, by its QR link or by name. The event is locked and the
/// registration read again under the lock, so two organisers scanning one code at the same moment
/// count the party once; the second hears when the first checked it in.
struct CheckIn: Sendable {
    enum Outcome: Sendable, Equatable {
        case checkedIn(name: String, party: Int)
        case alreadyCheckedIn(at: Date)
        /// Pending, offered, awaiting payment, waitlisted, cancelled or expired: no place to check in to.
        case notConfirmed(EventRegistration.Status)
        case eventCancelled
        /// No such registration (deleted since its code was made) or not one of this event.
        case notFound
    }

    let app: Application

    /// The caller has checked that `organiser` runs the event.
    func run(_ registrationID: UUID, of eventID: UUID, by organiser: User) async throws -> Outcome {
        let now = app.clock.now()
        let organiserID = try organiser.requireID()
        return try await app.db.writeTransaction { db -> Outcome in
            guard let event = try await Event.locked(eventID, on: db),
                let registration = try await EventRegistration.find(registrationID, on: db), registration.eventID == eventID
            else { return .notFound }
            if let at = registration.checkedInAt { return .alreadyCheckedIn(at: at) }
            if event.isCancelled { return .eventCancelled }
            guard registration.status == .confirmed else { return .notConfirmed(registration.status) }
            registration.checkedInAt = now
            registration.checkedInBy = organiserID
            registration.updatedAt = now
            try await registration.save(on: db)
            event.attended += registration.partySize
            try await event.save(on: db)
            return .checkedIn(name: registration.name, party: registration.partySize)
        }
    }
}
