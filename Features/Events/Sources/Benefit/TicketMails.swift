import Fluent
import Foundation
import KrachtCore
import Vapor

/// The mail of a ticket that waits for its payment: an anonymous buyer has no "my events", so
/// this is their way back to the registration's page and its "pay now" button if the checkout
/// was closed. Sent once, when the payment is first made (in that transaction).
enum TicketMails {
    static func awaitingPayment(_ registration: EventRegistration, of event: Event, app: Application, on db: any Database) async throws {
        guard !registration.email.isEmpty, let id = registration.id else { return }
        let language = registration.language
        let token = EventTokens.make(.manage, for: id, app: app)
        let context = [
            "name": registration.name, "title": event.title, "when": EventWords.when(event.startsAt, in: language),
            "amount": Money.format(cents: event.ticketPriceCents * Int64(registration.partySize), in: language),
            "deadline": EventWords.when(registration.holdUntil ?? event.startsAt, in: language),
            "link": EventsPath.registration(.value(token)).url(on: app),
        ]
        try await app.mailer.enqueue(
            to: registration.email, language: language, subjectKey: "events.ticket.mail.awaiting.subject",
            subjectArguments: ["title": event.title], view: "events/mail/ticket-awaiting", context: context, on: db)
    }
}
