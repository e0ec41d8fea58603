import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// What changed about an event, for the notice to its registrants.
public enum EventChange: String, Sendable { case moved, updated, cancelled }

/// The mails around an event, each in the registration's language, written to the outbox in the
/// caller's transaction. Registrations without an address (a walk-in) get none.
public enum EventMails {
    /// The inline QR code's Content-ID (`<img src="cid:…">` in the confirmation's HTML).
    static let qrCodeID = "checkin-qr@kracht"

    /// "You are registered": when, where, accessibility, the registration's page and cancel link,
    /// the check-in QR code as an inline PNG and the event as an `.ics` attachment.
    public static func confirmed(_ registration: EventRegistration, of event: Event, app: Application, on db: any Database)
        async throws
    {
        guard !registration.email.isEmpty, let id = registration.id else { return }
        let facts = EventMailFacts(app: app)
        let manage = EventTokens.make(.manage, for: id, app: app)
        let checkIn = EventsPath.checkIn(.value(EventTokens.make(.checkIn, for: id, app: app))).url(on: app)
        var context = facts.context(event, in: registration.language)
        context["name"] = registration.name
        // Leaf reads any present string as true: a flag is set or left out.
        if registration.guests > 0 {
            context["guestsLine"] = app.catalogue.text(
                "events.mail.confirmed.guests", in: registration.language, count: registration.guests)
        }
        context["link"] = EventsPath.registration(.value(manage)).url(on: app)
        context["cancelLink"] = EventsPath.cancelRegistration(.value(manage)).url(on: app)
        context["qrCode"] = "cid:" + qrCodeID
        let qr = try QRCode(text: checkIn, correction: .medium).png(moduleSize: 4, border: 4)
        try await app.mailer.enqueue(
            to: registration.email, language: registration.language, subjectKey: "events.mail.confirmed.subject",
            subjectArguments: ["title": event.title], view: "events/mail/confirmed", context: context,
            attachments: [
                facts.calendarFile(event),
                MailAttachment(filename: "inchecken.png", contentType: "image/png", data: qr, inlineID: qrCodeID),
            ], on: db)
    }

    /// A notice to everyone registered or waitlisted that the event moved, changed or was
    /// cancelled, with the new `.ics` (a calendar replaces its copy by UID and SEQUENCE). Call it
    /// after the change is saved (and `sequence` bumped), in the same transaction.
    public static func changed(_ event: Event, _ change: EventChange, app: Application, on db: any Database) async throws {
        let eventID = try event.requireID()
        if change == .moved {
            // A new day gets its own reminder.
            if event.reminderSentAt != nil { event.reminderSentAt = nil }
            try await db.sql.raw("UPDATE events SET reminder_sent_at = NULL WHERE id = \(bind: eventID)").run()
            try await db.sql.raw("UPDATE event_registrations SET reminded_at = NULL WHERE event_id = \(bind: eventID)").run()
        }
        let active = EventRegistration.Status.holding + [.waitlisted]
        let registrations = try await EventRegistration.query(on: db).filter(\.$eventID == eventID)
            .filter(\.$status ~~ active).filter(\.$email != "").sort(\.$position).all()
        guard !registrations.isEmpty else { return }
        let facts = EventMailFacts(app: app)
        let file = facts.calendarFile(event)
        var contexts: [Language: [String: String]] = [:]
        let mails = try registrations.compactMap { registration -> PendingMail? in
            guard let id = registration.id else { return nil }
            var context = contexts[registration.language] ?? facts.context(event, in: registration.language)
            contexts[registration.language] = context
            context["name"] = registration.name
            context[change.rawValue] = "yes"  // Leaf reads any present string as true
            if registration.status == .waitlisted { context["waitlisted"] = "yes" }
            // Called off: a paid ticket is paid back (`TicketRefunds`), an open payment need not be made.
            if change == .cancelled && registration.paidCents > 0 { context["paid"] = "yes" }
            if change == .cancelled && registration.status == .awaitingPayment { context["unpaid"] = "yes" }
            context["link"] = EventsPath.registration(.value(EventTokens.make(.manage, for: id, app: app))).url(on: app)
            return try app.mailer.compose(
                to: registration.email, language: registration.language, subjectKey: "events.mail.changed.subject.\(change.rawValue)",
                subjectArguments: ["title": event.title], view: "events/mail/changed", context: context, attachments: [file])
        }
        for start in stride(from: 0, to: mails.count, by: 500) {
            try await PendingMail.insert(Array(mails[start..<min(start + 500, mails.count)]), now: app.clock.now(), on: db)
        }
    }
}
