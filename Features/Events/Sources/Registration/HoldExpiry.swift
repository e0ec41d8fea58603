import Fluent
import Foundation
import KrachtCore
import Vapor

/// Places held for a confirmation or a payment that did not come in time go to the next in line.
/// A job per hold runs at its deadline; running it twice, or after the person confirmed, changes nothing.
enum HoldExpiry {
    static let kind = "events.hold-expired"

    static var definitions: [JobDefinition] {
        [
            JobDefinition(kind: kind) { app, payload in
                guard let id = UUID(uuidString: payload) else { return }
                _ = try await app.db.writeTransaction { db in
                    try await expire(id, now: app.clock.now(), app: app, mail: true, on: db)
                }
            }
        ]
    }

    /// Enqueues the job at the registration's `holdUntil`, once per hold.
    static func schedule(_ registration: EventRegistration, on db: any Database) async throws {
        guard let until = registration.holdUntil else { return }
        let id = try registration.requireID()
        try await JobQueue.enqueue(
            kind, payload: id.uuidString, runAt: until, uniqueKey: "\(kind):\(id.uuidString):\(Int(until.timeIntervalSince1970))", on: db)
    }

    /// Expires the registration if its hold has passed: its places are freed and offered to the
    /// waitlist. Returns whether it expired. Locks the event first, as every counter change does.
    @discardableResult
    static func expire(_ registrationID: UUID, now: Date, app: Application, mail: Bool, on db: any Database) async throws -> Bool {
        guard let (registration, event) = try await EventRegistration.lockedWithEvent(registrationID, on: db),
            [.pending, .offered, .awaitingPayment].contains(registration.status),
            let until = registration.holdUntil, until <= now
        else { return false }
        registration.status = .expired
        registration.updatedAt = now
        try await registration.save(on: db)
        event.placesTaken = max(0, event.placesTaken - registration.partySize)
        event.updatedAt = now
        try await event.save(on: db)
        if mail { try await RegistrationMails(app: app).expired(registration, of: event, on: db) }
        try await Waitlist.fill(event, now: now, app: app, on: db)
        return true
    }
}
