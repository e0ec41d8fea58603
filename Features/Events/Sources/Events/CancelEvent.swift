import Fluent
import Foundation
import KrachtCore
import Vapor

/// An organiser calls an event off: it stays on the agenda as cancelled, its registrations are
/// kept (for the record and the notice), calendars see a new `sequence`, and everyone registered
/// or waiting gets the notice. A second post changes nothing.
struct CancelEvent: Sendable {
    enum Outcome: Sendable, Equatable {
        case cancelled(slug: String)
        case alreadyCancelled(slug: String)
        case notAllowed
        case notFound
    }

    let app: Application

    func run(event eventID: UUID, by user: User) async throws -> Outcome {
        let app = self.app
        let userID = try user.requireID()
        return try await app.db.writeTransaction { db -> Outcome in
            guard let event = try await Event.locked(eventID, on: db) else { return .notFound }
            guard try await EventAccess.canOrganise(user, event, on: db) else { return .notAllowed }
            guard !event.isCancelled else { return .alreadyCancelled(slug: event.slug) }
            let before = event.calendarFace
            event.status = .cancelled
            event.bumpSequence(since: before)
            if event.seriesID != nil { event.detached = true }
            event.updatedAt = app.clock.now()
            try await event.save(on: db)
            if event.organiserID != userID, !(try await SaveEvent.runsInitiative(userID, of: event, on: db)) {
                try await AuditEvent.record("events.cancel", subject: "event:\(eventID)", by: userID, on: db)
            }
            // Paid tickets go back (the treasurer's list); a payment still open is refunded when it comes (`PayTicket`).
            try await TicketRefunds.markDue(event: eventID, by: userID, on: db)
            try await EventMails.changed(event, .cancelled, app: app, on: db)
            return .cancelled(slug: event.slug)
        }
    }
}
