import Fluent
import Foundation
import KrachtCore
import Vapor

/// What changed about an event, for the notice to its registrants.
public enum EventChange: String, Sendable { case moved, updated, cancelled }

/// The mails around an event (stub: the calendar-and-mail helper builds them).
public enum EventMails {
    /// "You are registered": with the event as an `.ics` attachment and the check-in QR code.
    public static func confirmed(_ registration: EventRegistration, of event: Event, app: Application, on db: any Database)
        async throws
    {}

    /// A notice to everyone registered or waitlisted that the event moved, changed or was cancelled.
    public static func changed(_ event: Event, _ change: EventChange, app: Application, on db: any Database) async throws {}
}
