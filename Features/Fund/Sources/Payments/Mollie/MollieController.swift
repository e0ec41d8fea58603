import Fluent
import KrachtCore
import SQLKit
import Vapor

/// Mollie's webhook, and stopping a monthly gift (signed in, or from the link in its mails).
struct MollieController: RouteCollection {
    let app: Application

    init(app: Application) {
        self.app = app
        MollieSetup.configure(app)
        // Mollie's server posts here without a cookie; the post only makes us ask Mollie.
        app.csrfExempt.insert(FundPath.mollieWebhook.path)
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.anyone).post(FundPath.mollieWebhook, use: webhook)
        routes.access(.signedIn).post(FundPath.stopMonthly(.key), use: stopAsOwner)
        routes.access(.anyone).get(FundPath.stopMonthlyByLink(.key), use: confirmStopByLink)
        routes.access(.anyone).post(FundPath.stopMonthlyByLink(.key), use: stopByLink)
        try routes.register(collection: GiftAdminController())
    }

    struct WebhookForm: Decodable { var id: String? }

    /// Each unknown id costs us a call to Mollie: a caller may send a few a second, not a flood.
    static let unknownIDLimiter = RateLimiter(name: "fund-mollie-webhook", limit: 60, window: 60)

    /// 200 for everything, known or not (nobody can probe ids), except when Mollie could not be
    /// asked: 503, so that Mollie calls again later; and 429 for a flood of ids we do not know
    /// (Mollie retries those too, and the first payment of a new month is unknown only once).
    func webhook(req: Request) async throws -> HTTPStatus {
        guard let id = req.decodeForm(WebhookForm.self)?.id, ApplyMolliePayment.looksLikePaymentID(id) else { return .ok }
        let app = req.application
        let known = try await app.db.sql.raw("SELECT 1 AS known FROM fund_gifts WHERE provider_payment_id = \(bind: id)").first() != nil
        if !known, try await !Self.unknownIDLimiter.hit(req.rateLimitKey, now: app.clock.now(), on: app.db) {
            return .tooManyRequests
        }
        do {
            _ = try await app.mollieWebhooks.run(id) { try await ApplyMolliePayment(app: app).run(paymentID: id) }
            return .ok
        } catch let error as MollieError where error.isTemporary {
            req.logger.warning("mollie webhook: Mollie not reachable", metadata: ["payment": .string(id), "error": "\(error)"])
            return .serviceUnavailable
        }
    }

    func stopAsOwner(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        let outcome = try await StopMonthlyGift(app: req.application).run(id, by: .owner(user.id!))
        if outcome == .notFound { throw Abort(.notFound) }
        return Flash.redirect(req, to: FundPath.myGifts, messageKey: Self.messageKey(outcome))
    }

    struct StopPage: Encodable {
        var amount: String?
        var action: String
        var stopped: Bool
        var message: String?
    }

    func confirmStopByLink(req: Request) async throws -> Response {
        let secret = req.parameters.get("token") ?? ""
        guard let recurring = try await StopMonthlyGift(app: req.application).find(nil, by: .link(secret)) else {
            return try await req.render("fund/mollie/stop", titleKey: "fund.monthly.stop.title", notFoundPage(req), status: .notFound)
        }
        let page = StopPage(
            amount: Money.format(cents: recurring.amountCents, in: req.language), action: FundPath.stopMonthlyByLink(.value(secret)).path,
            stopped: recurring.recurringStatus == .stopped,
            message: recurring.recurringStatus == .stopped ? req.t("fund.monthly.already_stopped") : nil)
        return try await req.render("fund/mollie/stop", titleKey: "fund.monthly.stop.title", page)
    }

    func stopByLink(req: Request) async throws -> Response {
        let secret = req.parameters.get("token") ?? ""
        let outcome = try await StopMonthlyGift(app: req.application).run(nil, by: .link(secret))
        guard outcome != .notFound else {
            return try await req.render("fund/mollie/stop", titleKey: "fund.monthly.stop.title", notFoundPage(req), status: .notFound)
        }
        let page = StopPage(
            action: FundPath.stopMonthlyByLink(.value(secret)).path, stopped: outcome != .unavailable,
            message: req.t(Self.messageKey(outcome)))
        return try await req.render(
            "fund/mollie/stop", titleKey: "fund.monthly.stop.title", page, status: outcome == .unavailable ? .serviceUnavailable : .ok)
    }

    private func notFoundPage(_ req: Request) -> StopPage {
        StopPage(action: "", stopped: true, message: req.t("fund.monthly.stop.unknown_link"))
    }

    static func messageKey(_ outcome: StopMonthlyGift.Outcome) -> String {
        switch outcome {
        case .stopped: "fund.monthly.stopped"
        case .alreadyStopped: "fund.monthly.already_stopped"
        case .unavailable: "fund.monthly.unavailable"
        case .notFound: "fund.monthly.stop.unknown_link"
        }
    }
}
