import Fluent
import KrachtCore
import Vapor

/// A donor's own pages of one gift, opened by the secret in their link: how to transfer it
/// (with the EPC QR code), and how it is doing after Mollie's checkout.
struct GiftPagesController: RouteCollection {
    struct TransferPage: Encodable {
        var iban, accountName, amount, reference: String
        var bic: String?
        var monthly: Bool
        var paid: Bool
        var closed: Bool
        var qrPath: String
        var againPath: String
    }

    struct ThanksPage: Encodable {
        /// `paid`, `waiting` or `failed`.
        var state: String
        var amount: String
        var monthly: Bool
        var reloadPath: String
        /// Mollie's checkout while the gift is open: a donor who came back without paying can still pay.
        var checkoutURL: String?
        var againPath: String
        var share: ShareLinks?
    }

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(FundPath.transfer(.key), use: transfer)
        open.get(FundPath.transferQR(.key), use: transferQR)
        open.get(FundPath.thanks(.key), use: thanks)
    }

    func transfer(req: Request) async throws -> Response {
        let (gift, token) = try await gift(req)
        guard gift.method == Gift.Method.transfer.rawValue, gift.reference != nil else { throw Abort(.notFound) }
        let details = TransferDetails(gift: gift, settings: req.application.fundSettings)
        let page = TransferPage(
            iban: TransferDetails.groupedIBAN(details.iban), accountName: details.accountName,
            amount: Money.format(cents: gift.amountCents, in: req.language), reference: PaymentReference.formatted(details.reference),
            bic: details.bic, monthly: gift.frequency == Gift.Frequency.monthly.rawValue, paid: gift.isPaid,
            closed: [.expired, .canceled, .failed].contains(gift.giftStatus),
            qrPath: FundPath.transferQR(.value(token)).path, againPath: try await Self.againPath(gift, on: req.db))
        return try await Self.privatePage(req.render("fund/transfer", titleKey: "fund.transfer.title", page))
    }

    func transferQR(req: Request) async throws -> Response {
        let (gift, _) = try await gift(req)
        guard gift.method == Gift.Method.transfer.rawValue, gift.reference != nil, gift.giftStatus == .open else {
            throw Abort(.notFound)
        }
        let payload = TransferDetails(gift: gift, settings: req.application.fundSettings).epcPayload
        let svg = try QRCode(text: payload, correction: .medium).svg(moduleSize: 6, title: req.t("fund.transfer.qr_alt"))
        let response = Response(status: .ok, body: .init(string: svg))
        response.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
        return Self.privatePage(response)
    }

    func thanks(req: Request) async throws -> Response {
        let (gift, token) = try await gift(req)
        let state: String
        switch gift.giftStatus {
        case .paid, .refunded: state = "paid"
        case .open: state = "waiting"
        case .failed, .expired, .canceled: state = "failed"
        }
        let share =
            state == "paid"
            ? try ShareLinks(
                url: FundPath.home.url(on: req.application), message: req.t("fund.thanks.share_message"),
                subject: req.t("fund.thanks.share_subject"), qrTitle: req.t("fund.thanks.share_qr"),
                intro: req.t("fund.thanks.share_intro"), label: req.t("fund.thanks.share_label")) : nil
        let page = ThanksPage(
            state: state, amount: Money.format(cents: gift.amountCents, in: req.language),
            monthly: gift.frequency == Gift.Frequency.monthly.rawValue, reloadPath: FundPath.thanks(.value(token)).path,
            checkoutURL: state == "waiting" ? gift.checkoutURL : nil,
            againPath: try await Self.againPath(gift, on: req.db), share: share)
        let titleKey = state == "paid" ? "fund.thanks.title" : state == "waiting" ? "fund.thanks.waiting_title" : "fund.thanks.failed_title"
        return try await Self.privatePage(req.render("fund/thanks", titleKey: titleKey, page))
    }

    /// The gift behind the link's secret; 404 for anything else (the same for every wrong secret).
    private func gift(_ req: Request) async throws -> (Gift, String) {
        guard let token = req.parameters.get("token"), (20...128).contains(token.count),
            let gift = try await Gift.query(on: req.db).filter(\.$tokenHash == SecureToken.hash(token)).first()
        else { throw Abort(.notFound) }
        return (gift, token)
    }

    /// The form again with this gift's amount (and campaign, if it still runs).
    static func againPath(_ gift: Gift, on db: any Database) async throws -> String {
        var slug: String?
        if let id = gift.campaignID { slug = try await FundCampaign.find(id, on: db)?.slug }
        let path = FundPath.give(campaign: slug).path
        var query = "bedrag=\(gift.amountCents)"
        if gift.frequency == Gift.Frequency.monthly.rawValue { query += "&maandelijks=1" }
        return path + (path.contains("?") ? "&" : "?") + query
    }

    /// A donor's page holds their amount and reference: no shared cache keeps it, no search engine lists it.
    static func privatePage(_ response: Response) -> Response {
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        response.headers.replaceOrAdd(name: "X-Robots-Tag", value: "noindex")
        return response
    }
}
