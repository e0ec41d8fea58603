import Fluent
import KrachtCore
import Vapor

/// For donors: `/fonds/mijn-giften` (their gifts and monthly gifts, signed in) and the annual
/// statement for the gift deduction, signed in or from the link in the yearly mail.
struct DonorController: RouteCollection {
    struct GiftRow: Encodable {
        var date, amount, way, status: String
        var refunded: String?
    }
    struct MonthlyRow: Encodable {
        var amount, status, started: String
        var stopPath: String?
    }
    struct YearLink: Encodable {
        var year, path: String
    }
    struct MyGiftsPage: Encodable {
        var gifts: [GiftRow]
        var monthly: [MonthlyRow]
        var years: [YearLink]
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get(FundPath.myGifts, use: myGifts)
        signedIn.get(FundPath.annualStatement(year: .key), use: statement)
        routes.access(.anyone).get(FundPath.annualStatementByLink(.key), use: statementByLink)
    }

    func myGifts(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let gifts = try await FundPersonalData.gifts(of: user, on: req.db).sorted {
            ($0.paidAt ?? $0.createdAt) > ($1.paidAt ?? $1.createdAt)
        }
        let monthly = try await FundPersonalData.recurring(of: user, on: req.db).sorted { $0.createdAt > $1.createdAt }
        let language = req.language
        let money = { (cents: Int64) in Money.format(cents: cents, in: language) }
        let years = Set(gifts.filter(\.isPaid).compactMap(\.paidAt).map(AnnualStatement.year(of:))).sorted(by: >)
        let page = MyGiftsPage(
            gifts: gifts.map { gift in
                GiftRow(
                    date: AmsterdamTime.date(gift.paidAt ?? gift.createdAt, in: language), amount: money(gift.amountCents),
                    way: req.t("fund.donor.method.\(gift.method)"), status: req.t("fund.donor.status.\(gift.status)"),
                    refunded: gift.refundedCents > 0 ? money(gift.refundedCents) : nil)
            },
            monthly: monthly.map { recurring in
                let running = recurring.recurringStatus == .active || recurring.recurringStatus == .pending
                return MonthlyRow(
                    amount: money(recurring.amountCents), status: req.t("fund.donor.monthly_status.\(recurring.status)"),
                    started: AmsterdamTime.date(recurring.createdAt, in: language),
                    stopPath: running ? recurring.id.map { FundPath.stopMonthly(.value($0)).path } : nil)
            },
            years: years.map { YearLink(year: String($0), path: FundPath.annualStatement(year: .value($0)).path) })
        return try await req.render("fund/my-gifts", titleKey: "fund.donor.title", page)
    }

    func statement(req: Request) async throws -> Response {
        guard let year = req.parameters.get("year", as: Int.self), (2000...9999).contains(year) else { throw Abort(.notFound) }
        let gifts = try await FundPersonalData.gifts(of: req.requireUser(), on: req.db)
        return try await render(req, AnnualStatement(year: year, gifts: gifts), backToMyGifts: true)
    }

    /// A forged or altered link is refused (403), an expired one is gone (404): neither says
    /// whether anyone gave.
    func statementByLink(req: Request) async throws -> Response {
        switch StatementLink.check(req.parameters.get("token") ?? "", now: req.now, key: req.application.config.secretKey) {
        case .forged: throw Abort(.forbidden)
        case .expired: throw Abort(.notFound)
        case .valid(let year, let donorKey):
            let gifts = try await AnnualStatement.gifts(donorKey: donorKey, year: year, on: req.db)
            return try await render(req, AnnualStatement(year: year, gifts: gifts), backToMyGifts: false)
        }
    }

    private func render(_ req: Request, _ statement: AnnualStatement, backToMyGifts: Bool) async throws -> Response {
        let page = AnnualPage(statement, req: req, backToMyGifts: backToMyGifts)
        let response = try await req.render(
            "fund/annual", titleKey: "fund.annual.title", titleArguments: ["year": String(statement.year)], page)
        // A person's gifts: no copy in any cache, and no address of it sent on.
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        return response
    }
}

/// The printable statement, in the reader's language.
struct AnnualPage: Encodable {
    struct Line: Encodable {
        var date, amount, way, net: String
        var refunded: String?
    }
    var year: String
    var fundName: String
    var rsin: String?
    var donorName, donorEmail: String?
    var lines: [Line]
    var total: String
    var hasRefunds: Bool
    var printedOn: String
    var myGiftsPath: String?

    init(_ statement: AnnualStatement, req: Request, backToMyGifts: Bool) {
        let language = req.language
        let money = { (cents: Int64) in Money.format(cents: cents, in: language) }
        year = String(statement.year)
        fundName = req.application.fundSettings.accountName
        rsin = AnnualStatementSettings.rsin
        donorName = statement.donorName
        donorEmail = statement.donorEmail
        lines = statement.lines.map { line in
            Line(
                date: AmsterdamTime.date(line.paidAt, in: language), amount: money(line.amountCents),
                way: req.t("fund.donor.method.\(line.method)"), net: money(line.netCents),
                refunded: line.refundedCents > 0 ? money(line.refundedCents) : nil)
        }
        total = money(statement.totalCents)
        hasRefunds = statement.lines.contains { $0.refundedCents > 0 }
        printedOn = AmsterdamTime.date(req.now, in: language)
        myGiftsPath = backToMyGifts ? FundPath.myGifts.path : nil
    }
}
