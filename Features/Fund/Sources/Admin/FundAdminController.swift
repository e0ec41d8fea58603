import Fluent
import KrachtCore
import SQLKit
import Vapor

/// The treasurer's overview (`/beheer/fonds`): what was raised, what is where, what waits in
/// the queue, the latest gifts, and the way to every treasurer's page. Reads the maintained
/// totals, never the ledger.
struct FundAdminController: RouteCollection {
    struct Figure: Encodable {
        var label, value: String
    }
    struct GiftRow: Encodable {
        var day, amount, method, source, donor, status, path: String
    }
    struct Page: Encodable {
        var figures: [Figure]
        var balances: [Figure]
        var queued: Int
        var queueText: String
        var gifts: [GiftRow]
        var importPath = FundPath.adminImport.path
        var queuePath = FundPath.adminQueue.path
        var cashPath = FundPath.adminCash.path
        var campaignsPath = FundPath.adminCampaigns.path
        var reportPath = FundPath.report.path
    }

    static let balanceAccounts: [LedgerAccount] = [.bank, .mollie, .cash, .inKind, .unmatched, .bankCosts]

    func boot(routes: any RoutesBuilder) throws {
        try routes.register(collection: CashController())
        routes.access(.role(.treasurer)).get(FundPath.admin, use: show)
    }

    func show(req: Request) async throws -> Response {
        let language = req.language
        let raised = try await FundTotals.value(.raisedCents, on: req.db)
        let donors = try await FundTotals.value(.donors, on: req.db)
        var balances: [LedgerAccount: Int64] = [:]
        for total in try await FundTotals.months(on: req.db) { balances[total.account, default: 0] += total.cents }
        let queued = try await StatementLineRecord.query(on: req.db).filter(\.$status == StatementLineRecord.Status.queued.rawValue).count()
        let gifts = try await Gift.query(on: req.db).filter(\.$status ~~ [Gift.Status.paid.rawValue, Gift.Status.refunded.rawValue])
            .sort(\.$paidAt, .descending).limit(25).all()
        let page = Page(
            figures: [
                Figure(label: req.t("fund.admin.raised"), value: Money.format(cents: raised, in: language)),
                Figure(label: req.t("fund.admin.donors"), value: Money.group(donors, separator: language.groupingSeparator)),
            ],
            balances: Self.balanceAccounts.map {
                // What the fund holds or spent is a debit (positive), what it owes a credit: shown the
                // other way round, so an overdrawn bank or Mollie account shows as negative.
                let cents = balances[$0, default: 0]
                let shown = $0.kind == .liability ? -cents : cents
                return Figure(label: req.t("fund.admin.account.\($0.rawValue)"), value: Money.format(cents: shown, in: language))
            },
            queued: queued, queueText: req.t("fund.admin.queue_count", count: queued),
            gifts: gifts.map { gift in
                GiftRow(
                    day: AmsterdamTime.date(gift.paidAt, in: language), amount: Money.format(cents: gift.amountCents, in: language),
                    method: req.t("fund.admin.method.\(gift.method)"), source: req.t("fund.admin.source.\(gift.source)"),
                    donor: gift.organisation ?? gift.donorName ?? req.t("fund.admin.anonymous"),
                    status: gift.giftStatus == .refunded ? req.t("fund.admin.refunded") : "",
                    path: FundPath.adminGift(.value(gift.id!)).path)
            })
        return try await req.render("fund/admin/overview", titleKey: "fund.admin.title", page)
    }
}
