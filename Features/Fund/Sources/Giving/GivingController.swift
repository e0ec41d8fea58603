import Fluent
import KrachtCore
import Vapor

/// The giving form: ask for a gift, then hand the donor to the way they chose to pay.
struct GivingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(FundPath.give(), use: form)
        open.post(FundPath.give(), use: give)
        try routes.register(collection: GiftPagesController())
        try routes.register(collection: FundHomeController())
    }

    func form(req: Request) async throws -> Response {
        let asked = req.queryValue("campagne")
        let campaign = try await FundCampaign.open(slug: asked, at: req.now, on: req.db)
        return try await render(req, GivePage.make(req, form: nil, campaign: campaign, campaignAsked: asked))
    }

    func give(req: Request) async throws -> Response {
        guard let form = req.decodeForm(GiftForm.self) else { throw Abort(.badRequest) }
        let app = req.application
        let campaign = try await FundCampaign.open(slug: form.campaign, at: req.now, on: req.db)
        let outcome = try await AskForGift(app: app)
            .run(form, campaign: campaign, user: req.auth.get(User.self), language: req.language, ip: req.rateLimitKey)
        var page = GivePage.make(req, form: form, campaign: campaign, campaignAsked: form.campaign)
        switch outcome {
        case .invalid(let errors):
            page.errors = errors.on(GiftForm.layout) { req.t($0) }
            return try await render(req, page, status: .badRequest)
        case .rateLimited:
            page.errors = FormErrors(summary: req.t("fund.give.error.too_many"), form: GiftForm.layout.id)
            return try await render(req, page, status: .tooManyRequests)
        case .repeated(let gift, let secret):
            return req.redirect(to: try await Self.repeatedPath(of: gift, secret: secret, req: req))
        case .asked(let gift, let secret):
            if let next = try await startPayment(req, gift: gift, secret: secret) { return req.redirect(to: next) }
            page.errors = FormErrors(summary: req.t("fund.give.error.unavailable"), form: GiftForm.layout.id)
            return try await render(req, page, status: .serviceUnavailable)
        }
    }

    /// Where the donor goes on: the provider's checkout, the transfer page, or nil when the
    /// provider could not take it now (the gift is then cancelled, nothing was charged).
    private func startPayment(_ req: Request, gift: Gift, secret: String) async throws -> String? {
        let app = req.application
        guard let provider = app.paymentProviders.first(where: { $0.method.rawValue == gift.method }), let id = gift.id else {
            return nil
        }
        let order = PaymentOrder(
            giftID: id, amountCents: gift.amountCents, monthly: gift.frequency == Gift.Frequency.monthly.rawValue,
            description: req.t("fund.give.description"), donorName: gift.donorName ?? gift.organisation, donorEmail: gift.donorEmail,
            language: gift.giftLanguage, returnURL: FundPath.thanks(.value(secret)).url(on: app))
        let start: PaymentStart
        do {
            start = try await provider.start(order, gift: gift, app: app)
        } catch {
            req.logger.warning("fund payment start failed: \(String(reflecting: error))")
            start = .unavailable(reason: "\(error)")
        }
        switch start {
        case .redirect(let checkoutURL, let paymentID, let customerID):
            try await app.db.writeTransaction { db in
                gift.providerPaymentID = paymentID
                gift.checkoutURL = checkoutURL
                try await gift.save(on: db)
                if let customerID, let recurringID = gift.recurringID, let recurring = try await RecurringGift.find(recurringID, on: db) {
                    recurring.customerID = customerID
                    try await recurring.save(on: db)
                }
            }
            return checkoutURL
        case .instructions:
            return FundPath.transfer(.value(secret)).path
        case .unavailable:
            try await app.db.writeTransaction { db in
                gift.status = Gift.Status.canceled.rawValue
                try await gift.save(on: db)
                if let recurringID = gift.recurringID, let recurring = try await RecurringGift.find(recurringID, on: db) {
                    recurring.status = RecurringGift.Status.failed.rawValue
                    try await recurring.save(on: db)
                }
            }
            return nil
        }
    }

    /// Where a repeated post of the form goes. The browser shows the answer to the LAST post of a
    /// double tap, so an open online gift must lead to its checkout too, or the donor never pays.
    /// The first post may still be asking Mollie for it: wait a little (only for a gift just made).
    static func repeatedPath(of gift: Gift, secret: String, req: Request) async throws -> String {
        var gift = gift
        if gift.method == Gift.Method.mollie.rawValue, gift.createdAt > req.now.addingTimeInterval(-30) {
            for _ in 0..<40 where gift.giftStatus == .open && gift.checkoutURL == nil {
                try await Task.sleep(for: .milliseconds(250))
                gift = try await Gift.find(gift.id, on: req.db) ?? gift
            }
        }
        if gift.method == Gift.Method.mollie.rawValue, gift.giftStatus == .open, let checkoutURL = gift.checkoutURL {
            return checkoutURL
        }
        return pagePath(of: gift, secret: secret)
    }

    /// The page of a gift asked for before: how to transfer it, or how its payment is doing.
    static func pagePath(of gift: Gift, secret: String) -> String {
        gift.method == Gift.Method.transfer.rawValue ? FundPath.transfer(.value(secret)).path : FundPath.thanks(.value(secret)).path
    }

    private func render(_ req: Request, _ page: GivePage, status: HTTPStatus = .ok) async throws -> Response {
        let canonical = FundPath.give(campaign: page.campaign?.slug).path
        return try await req.render(
            "fund/give", titleKey: "fund.give.title", page, status: status, errors: page.errors.isEmpty ? nil : page.errors,
            canonicalPath: canonical)
    }
}
