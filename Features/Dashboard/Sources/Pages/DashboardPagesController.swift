import Foundation
import KrachtCore
import Vapor

/// The dashboard, one indicator's page and the annual report: public, read-only.
struct DashboardPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let anyone = routes.access(.anyone)
        anyone.get(DashboardPath.dashboard, use: dashboard)
        anyone.get(DashboardPath.indicator(.key), use: indicator)
        anyone.get(DashboardPath.annualReports, use: latestReport)
        anyone.get(DashboardPath.annualReport(.key), use: annualReport)
    }

    func dashboard(req: Request) async throws -> Response {
        try await req.render("dashboard/dashboard", titleKey: "dashboard.title", try await DashboardPage.load(req))
    }

    func indicator(req: Request) async throws -> Response {
        guard let key = req.parameters.get("key"), key.count <= 64,
            let page = try await IndicatorPage.load(key: key, req: req)
        else { throw Abort(.notFound) }
        return try await req.render(
            "dashboard/dashboard-indicator", titleKey: "dashboard.indicator.title", titleArguments: ["name": page.card.name], page)
    }

    func latestReport(req: Request) async throws -> Response {
        req.redirect(to: DashboardPath.annualReport(.value(AnnualReportPage.currentYear(req.application))))
    }

    func annualReport(req: Request) async throws -> Response {
        // Digits only, four of them: `2025`, not `+2025`, `02025` or `1e3`.
        guard let text = req.parameters.get("year"), text.count == 4, text.allSatisfy({ $0.isASCII && $0.isNumber }),
            let year = Int(text), let page = try await AnnualReportPage.load(year: year, req: req)
        else { throw Abort(.notFound) }
        return try await req.render("dashboard/report-annual", titleKey: "report.title", titleArguments: ["year": text], page)
    }
}

/// One indicator: its card with the whole history, its monthly table and its districts.
struct IndicatorPage: Encodable, Sendable {
    var card: IndicatorCard
    var dashboardPath: String

    static func load(key: String, req: Request) async throws -> IndicatorPage? {
        guard let row = try await DashboardBoard.row(key: key, app: req.application) else { return nil }
        let words = DashboardWords(app: req.application, language: req.language)
        return IndicatorPage(
            card: IndicatorCard.make(row, words: words, today: AmsterdamTime.day(req.application.clock.now())),
            dashboardPath: DashboardPath.dashboard.path)
    }
}
