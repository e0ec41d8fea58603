import Fluent
import KrachtCore
import Vapor

/// Paying a ticket: the payer goes to the payment provider's checkout, or — when there is none or
/// it failed — is told so clearly, with nothing held (`StartTicketPayment`).
public enum TicketCheckout {
    struct FailedPage: Encodable {
        var message: String
        var eventTitle: String
        var eventPath: String
        /// The places are still held (a payment is open): the way back is the registration's page.
        var stillHeld = false
    }

    /// Called by the registration after its transaction for a registration `awaitingPayment`:
    /// starts the payment and sends the payer to it, or releases the places and says why.
    public static func start(_ registration: EventRegistration, of event: Event, req: Request) async throws -> Response {
        let outcome = try await StartTicketPayment(app: req.application).run(registration, of: event)
        let messageKey: String
        switch outcome {
        case .checkout(let url): return req.redirect(to: url, redirectType: .normal)
        case .notConfigured: messageKey = "events.ticket.failed.not_configured"
        case .failed: messageKey = "events.ticket.failed.provider"
        case .notAwaitingPayment: messageKey = "events.ticket.failed.not_awaiting"
        case .tryLater: messageKey = "events.ticket.failed.try_later"
        }
        let page = FailedPage(
            message: req.t(messageKey), eventTitle: event.title, eventPath: EventsPath.event(.value(event.slug)).path,
            stillHeld: outcome == .tryLater)
        return try await req.render("events/ticket-failed", titleKey: "events.ticket.failed.title", page, status: .serviceUnavailable)
    }
}
