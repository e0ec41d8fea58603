import KrachtCore
import Vapor

/// The public account of every euro: `/fonds/verantwoording` (charts and tables), the same
/// figures as a CSV for Dutch Excel, and as open data under `/api/v1/fund/…`. All read the
/// maintained totals through a cache of two seconds, never the ledger.
struct TransparencyController: RouteCollection {
    init(app: Application) {
        app.makeFundFiguresCache()
    }

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(FundPath.report, use: page)
        open.get(FundPath.reportCSV, use: csv)
        open.get(FundPath.apiSummary, use: summary)
        open.get(FundPath.apiMonths, use: months)
        open.get(FundPath.apiCampaigns, use: campaigns)
    }

    func page(req: Request) async throws -> Response {
        let app = req.application, language = req.language
        let build = { @Sendable in
            let support = try await app.fundSupportSection?(language)
            return ReportPage.make(try await Self.figures(req), support: support, app: app, language: language)
        }
        guard let cache = app.fundReportPages[language] else { throw Abort(.internalServerError) }
        let page = try await cache.value(build)
        return try await req.render("fund/report", titleKey: "fund.report.title", page)
    }

    static func figures(_ req: Request) async throws -> FundFigures {
        let app = req.application
        return try await app.fundFigures.value { try await FundFigures.read(app: app, on: app.db) }
    }

    /// Column names of the CSV, documented in its header row: one row per month, money in per
    /// source, refunds, money out per category, costs (Mollie's fees, bank debits).
    static func csvHeader(_ figures: FundFigures) -> [String] {
        ["maand"] + figures.sources.map { "binnen_" + $0 } + ["terugbetaald", "netto_binnen"]
            + figures.categories.map { "uit_" + $0 } + ["kosten", "totaal_uit"]
    }

    static func csvRows(_ figures: FundFigures) -> [[CSVCell]] {
        figures.months.map { month in
            [CSVCell.text(month.month)] + figures.sources.map { .euros(cents: month.inBySource[$0] ?? 0) }
                + [.euros(cents: month.refunds), .euros(cents: month.netIn)]
                + figures.categories.map { .euros(cents: month.outByCategory[$0] ?? 0) }
                + [.euros(cents: month.fees), .euros(cents: month.out)]
        }
    }

    func csv(req: Request) async throws -> Response {
        let figures = try await Self.figures(req)
        let rows = Self.csvRows(figures)
        let response = CSVExport.response(
            for: req, filename: "fonds-verantwoording-\(AmsterdamTime.day(req.now)).csv", header: Self.csvHeader(figures)
        ) { write in try await write(rows) }
        // Amounts only, no one's data: anyone may fetch it and a cache may keep it briefly.
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=60")
        response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        return response
    }
}
