import Fluent
import Foundation
import KrachtCore
import Vapor

/// `/api/v1/fund/…`: the transparency page's figures as JSON, amounts in euro cents. Counts
/// and amounts only, no one's data; described in the OpenAPI document (`FundOpenData.paths`).
enum FundOpenData {
    struct Targets: Content {
        var donors: Int64?
        var raisedCents: Int64?
        var year: Int

        /// A missing target is `null`, not left out: the schema lists every field.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(donors, forKey: .donors)
            try container.encode(raisedCents, forKey: .raisedCents)
            try container.encode(year, forKey: .year)
        }
    }
    struct Holdings: Content {
        var bank, mollie, cash, inKind: Int64
    }
    struct Debts: Content {
        var unmatchedCredits, grantsPayable: Int64
    }
    struct Balance: Content {
        var holdsCents: Holdings
        var holdsTotalCents: Int64
        var owesCents: Debts
        var owesTotalCents: Int64
        var availableCents: Int64
    }
    struct Summary: Content {
        var raisedCents: Int64
        var donors: Int64
        var targets: Targets
        var balance: Balance
        var feesCents, refundsCents, paidOutCents: Int64
        /// Event tickets sold: income, not gifts.
        var ticketIncomeCents: Int64
        var updated: String
        var url: String
    }
    struct Month: Content {
        var month: String
        var inCents: [String: Int64]
        var refundsCents, netInCents: Int64
        var ticketIncomeCents: Int64
        var outCents: [String: Int64]
        var feesCents, totalOutCents: Int64
    }
    struct Months: Content {
        var months: [Month]
        var updated: String
    }
    struct Campaign: Content {
        var slug, title: String
        var goalCents, raisedCents, gifts: Int64
        var deadline: String?
        var url: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(slug, forKey: .slug)
            try container.encode(title, forKey: .title)
            try container.encode(goalCents, forKey: .goalCents)
            try container.encode(raisedCents, forKey: .raisedCents)
            try container.encode(gifts, forKey: .gifts)
            try container.encode(deadline, forKey: .deadline)
            try container.encode(url, forKey: .url)
        }
    }
    struct Campaigns: Content {
        var campaigns: [Campaign]
    }

    static func summary(_ figures: FundFigures, app: Application) -> Summary {
        Summary(
            raisedCents: figures.raisedCents, donors: figures.donors,
            targets: Targets(donors: figures.targetDonors, raisedCents: figures.targetCents, year: figures.targetsYear),
            balance: Balance(
                holdsCents: Holdings(
                    bank: figures.holds[.bank] ?? 0, mollie: figures.holds[.mollie] ?? 0, cash: figures.holds[.cash] ?? 0,
                    inKind: figures.holds[.inKind] ?? 0),
                holdsTotalCents: figures.holdsTotal,
                owesCents: Debts(unmatchedCredits: figures.owes[.unmatched] ?? 0, grantsPayable: figures.owes[.grantsPayable] ?? 0),
                owesTotalCents: figures.owesTotal, availableCents: figures.available),
            feesCents: figures.totalFees, refundsCents: figures.totalRefunds, paidOutCents: figures.totalPaidOut,
            ticketIncomeCents: figures.totalTicketIncome,
            updated: timestamp(figures.updated), url: FundPath.report.url(on: app))
    }

    static func months(_ figures: FundFigures) -> Months {
        Months(
            months: figures.months.map { month in
                Month(
                    month: month.month,
                    inCents: Dictionary(uniqueKeysWithValues: figures.sources.map { ($0, month.inBySource[$0] ?? 0) }),
                    refundsCents: month.refunds, netInCents: month.netIn, ticketIncomeCents: month.ticketIncome,
                    outCents: month.outByCategory, feesCents: month.fees, totalOutCents: month.out)
            }, updated: timestamp(figures.updated))
    }

    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    /// Open data: the same for everyone, briefly cacheable (`OpenDataMiddleware` opens it to any site).
    static func respond(_ body: some Content, for req: Request) async throws -> Response {
        let response = try await body.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=5")
        return response
    }
}

extension TransparencyController {
    func summary(req: Request) async throws -> Response {
        try await FundOpenData.respond(FundOpenData.summary(Self.figures(req), app: req.application), for: req)
    }

    func months(req: Request) async throws -> Response {
        try await FundOpenData.respond(FundOpenData.months(Self.figures(req)), for: req)
    }

    func campaigns(req: Request) async throws -> Response {
        let app = req.application
        let campaigns = try await FundCampaign.query(on: req.db).sort(\.$createdAt, .descending).sort(\.$slug).all().map {
            FundOpenData.Campaign(
                slug: $0.slug, title: $0.title, goalCents: $0.goalCents, raisedCents: $0.raisedCents, gifts: $0.gifts,
                deadline: $0.deadline, url: FundPath.campaign(.value($0.slug)).url(on: app))
        }
        return try await FundOpenData.respond(FundOpenData.Campaigns(campaigns: campaigns), for: req)
    }
}
