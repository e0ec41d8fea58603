import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// What `/dashboard/jaarverslag/<year>` shows: the plan's indicators against THAT year's
/// targets (the value of the year's last snapshot; today's value for the current year), then
/// every feature's own sections of the year (money in and out, events, stories, campaigns).
struct AnnualReportPage: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        var name: String
        var value: String
        var target: String?
        var percent: String?
        var progressSVG: String?
        var available: Bool
    }
    struct Section: Encodable, Sendable {
        struct Figure: Encodable, Sendable {
            var label, value: String
        }
        struct Item: Encodable, Sendable {
            var title: String
            var day: String?
            var detail: String?
            var path: String?
            var url: String?
        }
        var id: String
        var title: String
        var figures: [Figure]
        var items: [Item]
    }
    var year: Int
    var lines: [Line]
    var hasTargets: Bool
    var sections: [Section]
    var dashboardPath: String
    var previousPath: String?
    var nextPath: String?
    var generated: String

    /// The first year the movement could have a report of.
    static let firstYear = 2021

    static func currentYear(_ app: Application) -> Int { AmsterdamTime.year(of: app.clock.now()) }

    /// The report of `year`, or nil when there is none: a year outside 2021…this year, or one
    /// with no targets, no snapshot and no section of any feature.
    static func load(year: Int, req: Request) async throws -> AnnualReportPage? {
        let app = req.application
        let thisYear = currentYear(app)
        guard (firstYear...thisYear).contains(year) else { return nil }
        let words = DashboardWords(app: app, language: req.language)
        let targets = try await Self.targets(year: year, app: app)
        let values = try await Self.values(year: year, current: year == thisYear, app: app)
        var sections: [ReportSection] = []
        for feature in app.features { sections += try await feature.annualReport(year: year, app: app) }
        guard !targets.isEmpty || !values.isEmpty || !sections.isEmpty else { return nil }

        let lines = DashboardBoard.planKeys.map { plan -> Line in
            let name = words.name(plan.key)
            guard let value = values[plan.key] else {
                return Line(name: name, value: "", target: targets[plan.key].map { words.number($0, unit: plan.unit) }, available: false)
            }
            var line = Line(name: name, value: words.number(value, unit: plan.unit), available: true)
            if let target = targets[plan.key], target > 0 {
                let targetText = words.number(target, unit: plan.unit)
                let progress = words.progress(
                    id: "report-" + plan.key.replacingOccurrences(of: "_", with: "-"), name: name, value: value, shown: line.value,
                    target: target, targetShown: targetText, year: year)
                line.target = targetText
                line.percent = words.percent(progress.percent)
                line.progressSVG = progress.svg
            }
            return line
        }
        let base = app.config.baseURL
        return AnnualReportPage(
            year: year, lines: lines, hasTargets: !targets.isEmpty,
            sections: sections.enumerated().map { index, section in
                Section(
                    id: "section-\(index + 1)", title: words.t(section.titleKey),
                    figures: section.figures.map {
                        // A label may have plural forms (`3 campagnes`): it is asked with its figure.
                        .init(
                            label: app.catalogue.text($0.labelKey, in: req.language, count: Int(clamping: $0.value)),
                            value: words.number($0.value, unit: $0.unit))
                    },
                    items: section.items.map {
                        .init(title: $0.title, day: $0.day.map(words.day), detail: $0.detail, path: $0.path, url: $0.path.map { base + $0 })
                    })
            },
            dashboardPath: DashboardPath.dashboard.path,
            previousPath: year > firstYear ? DashboardPath.annualReport(.value(year - 1)).path : nil,
            nextPath: year < thisYear ? DashboardPath.annualReport(.value(year + 1)).path : nil,
            generated: AmsterdamTime.date(app.clock.now(), in: req.language))
    }

    /// That year's targets as coordinators keep them (`DashboardTargets`, first filled from the
    /// reference data, its `fund_donations` under the fund's own key).
    static func targets(year: Int, app: Application) async throws -> [String: Int64] {
        try await DashboardTargets.all(app: app)[year] ?? [:]
    }

    private struct LastValue: Decodable {
        let indicator_key: String
        let value: Int64
    }

    /// Each indicator's last snapshot of the year; for the current year, today's values of the
    /// indicators the features present register (a snapshot for the rest).
    static func values(year: Int, current: Bool, app: Application) async throws -> [String: Int64] {
        let rows = try await app.db.sql.raw(
            """
            SELECT s.indicator_key, s.value FROM dashboard_snapshots s
            JOIN (SELECT indicator_key, MAX(day) AS last_day FROM dashboard_snapshots
                  WHERE day >= \(bind: "\(year)-01-01") AND day <= \(bind: "\(year)-12-31") GROUP BY indicator_key) l
            ON s.indicator_key = l.indicator_key AND s.day = l.last_day
            """
        ).all(decoding: LastValue.self)
        var values = Dictionary(rows.map { ($0.indicator_key, $0.value) }, uniquingKeysWith: { a, _ in a })
        if current {
            for row in try await DashboardBoard.rows(app: app) { if let value = row.value { values[row.key] = value } }
        }
        return values
    }
}
