import Foundation
import KrachtCore
import Vapor

/// What `/dashboard` shows in one language: every indicator of the plan (then the features'
/// other indicators), and every feature's weekly series as bars. Built from the dashboard's read
/// model and kept two seconds per language, so a burst of views draws the charts once.
struct DashboardPage: Encodable, Sendable {
    struct Weekly: Encodable, Sendable {
        var name: String
        var svg: String
        var table: DataTable
    }
    var plan: [IndicatorCard]
    var others: [IndicatorCard]
    var weekly: [Weekly]
    var updated: String
    var reportPath: String
    var apiPath: String

    static let weeks = 12

    static func load(_ req: Request) async throws -> DashboardPage {
        let app = req.application, language = req.language
        guard let cache = app.dashboardPageCaches[language] else { return try await make(app: app, language: language) }
        return try await cache.value { try await make(app: app, language: language) }
    }

    static func make(app: Application, language: Language) async throws -> DashboardPage {
        let words = DashboardWords(app: app, language: language)
        let now = app.clock.now()
        let today = AmsterdamTime.day(now)
        let rows = try await DashboardBoard.rows(app: app)
        let cards = rows.map { ($0.isPlanIndicator, IndicatorCard.make($0, words: words, today: today)) }
        var weekly: [Weekly] = []
        for series in app.features.flatMap({ $0.weeklySeries() }) {
            weekly.append(try await Self.weekly(series, words: words, app: app))
        }
        return DashboardPage(
            plan: cards.filter(\.0).map(\.1), others: cards.filter { !$0.0 }.map(\.1), weekly: weekly,
            updated: AmsterdamTime.format(now, "d MMMM yyyy HH:mm", in: language),
            reportPath: DashboardPath.annualReport(.value(AmsterdamTime.calendar.component(.year, from: now))).path,
            apiPath: CorePath.api("indicators").path)
    }

    static func weekly(_ series: WeeklySeries, words: DashboardWords, app: Application) async throws -> Weekly {
        let name = app.catalogue.has(series.labelKey) ? words.t(series.labelKey) : series.key
        let weeks = try await series.weeks(Self.weeks, app)
        let id = "week-" + series.key.replacingOccurrences(of: "_", with: "-")
        let label = { (week: String) in words.t("dashboard.week_of", ["day": words.day(week)]) }
        let rows = weeks.map { RowBars.Row(label: label($0.week), value: $0.value) }
        let svg = RowBars(
            id: id, title: name,
            description: words.t("dashboard.weekly_desc", ["count": String(weeks.count)]) + " "
                + rows.map { "\($0.label): \(words.number($0.value, unit: ""))" }.joined(separator: "; "),
            rows: rows, format: { [words] in words.number($0, unit: "") }
        ).svg
        let table = DataTable(
            id: id + "-table", caption: name, columns: [words.t("dashboard.week"), words.t("dashboard.value")],
            rows: rows.map { .init(header: $0.label, cells: [words.number($0.value, unit: "")]) })
        return Weekly(name: name, svg: svg, table: table)
    }
}

extension Application {
    /// The dashboard page per language, kept two seconds after it was drawn (made at start by
    /// `makeDashboardPageCaches`; empty in an app without the dashboard's pages).
    var dashboardPageCaches: [Language: ExpiringCache<DashboardPage>] { storage[DashboardPageCachesKey.self] ?? [:] }

    /// Called once while the routes are registered (a single thread), so requests only read them.
    func makeDashboardPageCaches() {
        let clock = self.clock
        storage[DashboardPageCachesKey.self] = Dictionary(
            uniqueKeysWithValues: Language.allCases.map { ($0, ExpiringCache<DashboardPage>(maxAge: 2, now: { clock.now() })) })
    }

    private struct DashboardPageCachesKey: StorageKey { typealias Value = [Language: ExpiringCache<DashboardPage>] }
}
