import Fluent
import KrachtCore
import Vapor

/// One gift as the treasurer sees it — who, how, its status and ledger cause, its refunds —
/// with the refund form for a paid Mollie gift.
struct GiftAdminController: RouteCollection {
    static let refundForm = FormLayout(
        id: "refund-form",
        [
            .field("amount", id: "refund-amount", label: "fund.refund.amount"),
            .field("reason", id: "refund-reason", label: "fund.refund.reason"),
        ])

    func boot(routes: any RoutesBuilder) throws {
        let treasurer = routes.access(.role(.treasurer))
        treasurer.get(FundPath.adminGift(.key), use: show)
        treasurer.post(FundPath.adminRefund(.key), use: refund)
    }

    struct Page: Encodable {
        struct Row: Encodable {
            var label: String
            var value: String
        }
        struct RefundRow: Encodable {
            var date: String
            var amount: String
            var reason: String
            var providerID: String
        }
        var rows: [Row]
        var refunds: [RefundRow]
        var canRefund: Bool
        var action: String
        var remaining: String
        var seen: String
        var amount: String
        var reason: String
        var errors: FormErrors
    }

    func show(req: Request) async throws -> Response {
        let gift = try await find(req)
        return try await req.render("fund/admin/gift", titleKey: "fund.gift_admin.title", try await page(gift, req: req))
    }

    func refund(req: Request) async throws -> Response {
        let gift = try await find(req)
        let user = try req.requireUser()
        let form = req.decodeForm(RefundGift.Form.self) ?? RefundGift.Form()
        switch try await RefundGift(app: req.application).run(gift, form: form, by: user, language: req.language) {
        case .refunded:
            return Flash.redirect(req, to: FundPath.adminGift(.value(gift.id!)), messageKey: "fund.refund.done")
        case .invalid(let errors):
            let laidOut = errors.on(Self.refundForm, req.t)
            let page = try await page(gift, req: req, errors: laidOut, amount: form.amount ?? "", reason: form.reason ?? "")
            return try await req.render(
                "fund/admin/gift", titleKey: "fund.gift_admin.title", page, status: .unprocessableEntity, errors: laidOut,
                canonicalPath: FundPath.adminGift(.value(gift.id!)).path)
        }
    }

    private func find(_ req: Request) async throws -> Gift {
        guard let id = req.parameters.get("id", as: UUID.self), let gift = try await Gift.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return gift
    }

    private func page(_ gift: Gift, req: Request, errors: FormErrors = FormErrors(), amount: String = "", reason: String = "")
        async throws -> Page
    {
        let language = req.language
        let money = { Money.format(cents: $0, in: language) }
        let refunds = try await FundRefund.query(on: req.db).filter(\.$giftID == gift.id!).sort(\.$createdAt).all()
        var rows: [Page.Row] = [
            .init(label: req.t("fund.gift_admin.amount"), value: money(gift.amountCents)),
            .init(label: req.t("fund.gift_admin.status"), value: req.t("fund.gift_admin.status.\(gift.giftStatus.rawValue)")),
            .init(label: req.t("fund.gift_admin.method"), value: req.t("fund.gift_admin.method.\(gift.method)")),
            .init(label: req.t("fund.gift_admin.frequency"), value: req.t("fund.gift_admin.frequency.\(gift.frequency)")),
            .init(label: req.t("fund.gift_admin.donor"), value: gift.donorName ?? req.t("fund.gift_admin.unknown")),
            .init(label: req.t("fund.gift_admin.email"), value: gift.donorEmail ?? "–"),
            .init(label: req.t("fund.gift_admin.created"), value: AmsterdamTime.date(gift.createdAt, in: language)),
            .init(label: req.t("fund.gift_admin.paid"), value: gift.paidAt.map { AmsterdamTime.date($0, in: language) } ?? "–"),
            .init(label: req.t("fund.gift_admin.cause"), value: gift.ledgerCause ?? "–"),
            .init(label: req.t("fund.gift_admin.refunded"), value: money(gift.refundedCents)),
        ]
        if let organisation = gift.organisation {
            rows.insert(.init(label: req.t("fund.gift_admin.organisation"), value: organisation), at: 5)
        }
        if let payment = gift.providerPaymentID { rows.append(.init(label: req.t("fund.gift_admin.payment"), value: payment)) }
        if let reference = gift.reference {
            rows.append(.init(label: req.t("fund.gift_admin.reference"), value: PaymentReference.formatted(reference)))
        }
        let remaining = gift.amountCents - gift.refundedCents
        return Page(
            rows: rows,
            refunds: refunds.map {
                .init(
                    date: AmsterdamTime.date($0.createdAt, in: language), amount: money($0.cents), reason: $0.reason,
                    providerID: $0.providerRefundID)
            },
            canRefund: gift.method == Gift.Method.mollie.rawValue && gift.isPaid && remaining > 0,
            action: FundPath.adminRefund(.value(gift.id!)).path, remaining: money(remaining), seen: String(gift.refundedCents),
            amount: amount, reason: reason, errors: errors)
    }
}
