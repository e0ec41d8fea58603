import Fluent
import Foundation
import KrachtCore
import Vapor

/// The registration's own mails (the confirmation with its `.ics` is `EventMails.confirmed`),
/// written to the outbox in the caller's transaction. Links carry the signed manage token.
struct RegistrationMails: Sendable {
    let app: Application

    /// Anonymous: the link that confirms the address and so the places.
    func confirmLink(_ registration: EventRegistration, of event: Event, on db: any Database) async throws {
        var context = try base(registration, of: event)
        context["link"] = EventsPath.confirmRegistration(.value(try token(registration))).url(on: app)
        context["deadline"] = EventWords.when(registration.holdUntil ?? event.startsAt, in: registration.language)
        context["hours"] = String(RegisterForEvent.pendingHoldHours)
        try await send(registration, event, "events.registration.mail.confirm.subject", "confirm-registration", context, on: db)
    }

    /// Someone registered this address again while its registration is in the running: the
    /// address's owner gets the link to it (the page said "check your mail", as for a new one).
    func alreadyRegistered(_ registration: EventRegistration, of event: Event, on db: any Database) async throws {
        var context = try base(registration, of: event)
        context["link"] = EventsPath.registration(.value(try token(registration))).url(on: app)
        try await send(registration, event, "events.registration.mail.already.subject", "already-registered", context, on: db)
    }

    /// On the waitlist: their place in line and a way out.
    func waitlisted(_ registration: EventRegistration, of event: Event, on db: any Database) async throws {
        var context = try base(registration, of: event)
        let ahead = try await Waitlist.ahead(of: registration, on: db)
        context["place"] = String(ahead + 1)
        context["link"] = EventsPath.registration(.value(try token(registration))).url(on: app)
        try await send(registration, event, "events.waitlist.mail.subject", "waitlisted", context, on: db)
    }

    /// A place came free: confirm before the deadline.
    func offered(_ registration: EventRegistration, of event: Event, on db: any Database) async throws {
        var context = try base(registration, of: event)
        context["link"] = EventsPath.confirmRegistration(.value(try token(registration))).url(on: app)
        context["deadline"] = EventWords.when(registration.holdUntil ?? event.startsAt, in: registration.language)
        try await send(registration, event, "events.waitlist.offer.mail.subject", "offered", context, on: db)
    }

    /// The time to confirm or pay ran out: the places went to the next in line.
    func expired(_ registration: EventRegistration, of event: Event, on db: any Database) async throws {
        var context = try base(registration, of: event)
        context["link"] = EventsPath.event(.value(event.slug)).url(on: app)
        try await send(registration, event, "events.hold.mail.expired.subject", "hold-expired", context, on: db)
    }

    private func token(_ registration: EventRegistration) throws -> String {
        EventTokens.make(.manage, for: try registration.requireID(), app: app)
    }

    private func base(_ registration: EventRegistration, of event: Event) throws -> [String: String] {
        [
            "name": registration.name, "title": event.title, "when": EventWords.when(event.startsAt, in: registration.language),
            "where": [event.venue, event.address].filter { !$0.isEmpty }.joined(separator: ", "),
            "cancel": EventsPath.cancelRegistration(.value(try token(registration))).url(on: app),
        ]
    }

    private func send(
        _ registration: EventRegistration, _ event: Event, _ subjectKey: String, _ view: String, _ context: [String: String],
        on db: any Database
    ) async throws {
        guard !registration.email.isEmpty else { return }
        try await app.mailer.enqueue(
            to: registration.email, language: registration.language, subjectKey: subjectKey, subjectArguments: ["title": event.title],
            view: "events/mail/" + view, context: context, on: db)
    }
}
