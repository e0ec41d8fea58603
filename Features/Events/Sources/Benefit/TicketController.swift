import Fluent
import Fund
import KrachtCore
import Vapor

/// "Pay now" for a checkout left halfway, and Mollie's webhook for paid tickets: a hint that a payment changed, answered 200 for every id,
/// known or not (nobody can probe ids); 503 when Mollie could not be asked, so that it calls
/// again later; 429 for a flood of ids that are no ticket's.
struct TicketController: RouteCollection {
    init(app: Application) {
        // Mollie's server posts here without a cookie or form token; the post only makes us ask Mollie.
        app.csrfExempt.insert(EventsPath.ticketWebhook.path)
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.anyone).post(EventsPath.ticketWebhook, use: webhook)
        routes.access(.anyone).post(EventsPath.payTicket(.key), use: payNow)
    }

    /// "Pay now" on the registration's page (the checkout was closed halfway): to the same
    /// payment again while the hold lasts (`TicketCheckout.start` is idempotent).
    func payNow(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let id = EventTokens.registrationID(from: token, .manage, app: req.application),
            let registration = try await EventRegistration.find(id, on: req.db),
            let event = try await Event.find(registration.eventID, on: req.db)
        else { throw Abort(.notFound) }
        let page = EventsPath.registration(.value(token))
        guard registration.status == .awaitingPayment, !event.isCancelled, (registration.holdUntil ?? req.now) > req.now else {
            return Flash.redirect(req, to: page, messageKey: "events.ticket.flash.not_awaiting")
        }
        return try await TicketCheckout.start(registration, of: event, req: req)
    }

    struct WebhookForm: Decodable { var id: String? }

    /// Each unknown id costs a call to Mollie: a few a second, not a flood.
    static let unknownIDLimiter = RateLimiter(name: "events-ticket-webhook", limit: 60, window: 60)

    func webhook(req: Request) async throws -> HTTPStatus {
        guard let id = req.decodeForm(WebhookForm.self)?.id, ApplyTicketPayment.looksLikePaymentID(id) else { return .ok }
        let app = req.application
        let known = try await EventRegistration.query(on: app.db).filter(\.$paymentID == id).first() != nil
        if !known, try await !Self.unknownIDLimiter.hit(req.rateLimitKey, now: app.clock.now(), on: app.db) {
            return .tooManyRequests
        }
        do {
            _ = try await ApplyTicketPayment(app: app).run(paymentID: id)
            return .ok
        } catch let error as MollieError where error.isTemporary {
            req.logger.warning("events ticket webhook: Mollie not reachable", metadata: ["payment": .string(id), "error": "\(error)"])
            return .serviceUnavailable
        }
    }
}
