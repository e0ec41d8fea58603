import Fluent
import Foundation
import KrachtCore

extension EventRegistration {
    /// The registration with its event locked, read again after the lock: every command that
    /// changes an event's counters takes the event first, so the registration read here cannot
    /// change under it (another command had to wait for the same lock). Call inside a write
    /// transaction. Nil when the registration or its event is gone.
    static func lockedWithEvent(_ id: UUID, on db: any Database) async throws -> (EventRegistration, Event)? {
        guard let eventID = try await EventRegistration.find(id, on: db)?.eventID,
            let event = try await Event.locked(eventID, on: db),
            let registration = try await EventRegistration.locked(id, on: db)
        else { return nil }
        return (registration, event)
    }
}
