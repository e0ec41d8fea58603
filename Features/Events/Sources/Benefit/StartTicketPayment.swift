import Fluent
import Foundation
import Fund
import KrachtCore
import Vapor

/// A paid ticket's payment at the fund's payment provider (Mollie): price × party, one payment
/// per registration however often this runs (Mollie's idempotency key), its id kept on the
/// registration so the webhook finds it. Without Mollie, or when Mollie says no, the places held
/// for the payment are released at once (`ReleaseTicketHold`): nobody holds places they cannot pay.
struct StartTicketPayment: Sendable {
    enum Outcome: Sendable, Equatable {
        /// Send the payer here (Mollie's hosted checkout).
        case checkout(url: String)
        /// No payment provider is configured: the places are released.
        case notConfigured
        /// Mollie could not be reached or refused: the places are released.
        case failed
        /// Mollie could not be asked about the payment already made: the places stay held a while.
        case tryLater
        /// The registration does not wait for a payment (already paid, cancelled, expired, its hold
        /// over) or the event is called off: nothing held any more.
        case notAwaitingPayment
    }

    let app: Application

    func run(_ registration: EventRegistration, of event: Event) async throws -> Outcome {
        guard registration.status == .awaitingPayment, let id = registration.id else { return .notAwaitingPayment }
        // Called off: nothing to pay for. A hold that is over is the expiry job's (it mails), not ours.
        if event.isCancelled {
            try await ReleaseTicketHold(app: app).run(id)
            return .notAwaitingPayment
        }
        guard (registration.holdUntil ?? .distantFuture) > app.clock.now() else { return .notAwaitingPayment }
        guard app.fundSettings.mollieAPIKey != nil else {
            try await ReleaseTicketHold(app: app).run(id)
            return .notConfigured
        }
        if let existing = registration.paymentID { return try await resume(existing) }
        let order = MollieClient.NewPayment(
            amount: .init(cents: event.ticketPriceCents * Int64(registration.partySize)),
            description: "Ticket " + String(event.title.prefix(200)),
            redirectUrl: EventsPath.registration(.value(EventTokens.make(.manage, for: id, app: app))).url(on: app),
            webhookUrl: EventsPath.ticketWebhook.url(on: app), locale: registration.language == .nl ? "nl_NL" : "en_US",
            metadata: ["registration": id.uuidString])
        let payment: MollieClient.Payment
        do {
            payment = try await MollieClient(app: app).createPayment(order, idempotencyKey: "event-ticket-\(id.uuidString)")
        } catch let error as MollieError {
            app.logger.error(
                "events: could not start a ticket payment", metadata: ["registration": .string(id.uuidString), "error": "\(error)"])
            try await ReleaseTicketHold(app: app).run(id)
            return .failed
        }
        guard let checkout = payment.checkoutURL else {
            app.logger.error("events: Mollie gave a ticket payment no checkout link", metadata: ["payment": .string(payment.id)])
            try await ReleaseTicketHold(app: app).run(id)
            return .failed
        }
        // The webhook may already have found it by its metadata; the id is the same either way.
        // The first time (a "pay now" again finds the id), an anonymous buyer gets the page's link.
        try await app.db.writeTransaction { db in
            guard let stored = try await EventRegistration.locked(id, on: db), stored.paymentID == nil else { return }
            stored.paymentID = payment.id
            stored.updatedAt = app.clock.now()
            try await stored.save(on: db)
            if stored.userID == nil { try await TicketMails.awaitingPayment(stored, of: event, app: app, on: db) }
        }
        return .checkout(url: checkout)
    }

    /// "Pay now" again: the payment made before, while it is open (Mollie's idempotency key alone
    /// lasts an hour and is no promise); one that ended meanwhile is applied as the webhook would.
    private func resume(_ paymentID: String) async throws -> Outcome {
        do {
            let payment = try await MollieClient(app: app).payment(paymentID)
            if payment.status == "open", let checkout = payment.checkoutURL { return .checkout(url: checkout) }
            _ = try await ApplyTicketPayment(app: app).run(paymentID: paymentID)
            return .notAwaitingPayment
        } catch let error as MollieError {
            app.logger.warning(
                "events: could not look up a ticket payment", metadata: ["payment": .string(paymentID), "error": "\(error)"])
            return .tryLater
        }
    }
}
