import Foundation
import KrachtCore
import Vapor

/// One indicator on the dashboard, in one language: its value, target and progress, its trend
/// against the straight path to the target, its districts; every chart with its numbers as a table.
struct IndicatorCard: Encodable, Sendable {
    struct Chart: Encodable, Sendable {
        var svg: String
        var table: DataTable
    }
    var key: String
    var name: String
    var available: Bool
    var value: String
    /// "Doel voor 2025: 10.000"; nil without a target.
    var target: String?
    var progressSVG: String?
    /// The progress in words ("42% van het doel van 2025").
    var progressWords: String?
    var trend: Chart?
    var districts: Chart?
    var path: String

    /// `whole`: the indicator's own page (every point of its history in a monthly table).
    static func make(_ row: DashboardRow, words: DashboardWords, today: String) -> IndicatorCard {
        let name = words.name(row.key)
        let id = "ind-" + row.key.replacingOccurrences(of: "_", with: "-")
        var card = IndicatorCard(
            key: row.key, name: name, available: row.value != nil, value: row.value.map { words.number($0, unit: row.unit) } ?? "",
            path: DashboardPath.indicator(.value(row.key)).path)
        guard let value = row.value else { return card }
        if let target = row.target, let year = row.targetYear, target > 0 {
            let targetText = words.number(target, unit: row.unit)
            card.target = words.t("dashboard.target", ["target": targetText, "year": String(year)])
            let progress = words.progress(
                id: id + "-progress", name: name, value: value, shown: card.value, target: target, targetShown: targetText, year: year)
            card.progressWords = words.t("dashboard.progress_words", ["percent": String(progress.percent), "year": String(year)])
            card.progressSVG = progress.svg
        }
        card.trend = trend(row, id: id, name: name, words: words)
        if let districts = row.districts, !districts.isEmpty {
            card.districts = districtChart(districts, id: id, name: name, unit: row.unit, words: words)
        }
        return card
    }

    /// The history as a line (thinned to weekly points beyond 120 days) and its last value of
    /// each month as a table; the target's path from the first of January to the 31st of December.
    static func trend(_ row: DashboardRow, id: String, name: String, words: DashboardWords) -> Chart? {
        guard !row.history.isEmpty else { return nil }
        let points = row.history.map { TrendChart.Point(day: $0.day, value: $0.value) }
        var path: TrendChart.TargetPath?
        if let target = row.target, let year = row.targetYear {
            let start = "\(year)-01-01"
            let startValue = row.history.last { $0.day < start }?.value ?? row.history.first { $0.day >= start }?.value ?? 0
            path = .init(fromDay: start, fromValue: startValue, toDay: "\(year)-12-31", target: target)
        }
        let first = row.history.first!, last = row.history.last!
        var description = words.t(
            "dashboard.trend_desc",
            [
                "from": words.day(first.day), "first": words.number(first.value, unit: row.unit), "to": words.day(last.day),
                "last": words.number(last.value, unit: row.unit),
            ])
        if let path {
            description +=
                " "
                + words.t(
                    "dashboard.trend_desc_target", ["target": words.number(path.target, unit: row.unit), "day": words.day(path.toDay)])
        }
        let unit = row.unit
        let svg = TrendChart(
            id: id + "-trend", title: words.t("dashboard.trend_title", ["name": name]), description: description, points: points,
            targetPath: path, valueLabel: words.t("dashboard.trend_value"), targetLabel: words.t("dashboard.trend_path"),
            format: { [words] in words.tick($0, unit: unit) }, dayLabel: { [words] in words.day($0) }
        ).svg
        var months: [(String, Int64)] = []
        for point in row.history {
            let month = String(point.day.prefix(7))
            if months.last?.0 == month { months[months.count - 1].1 = point.value } else { months.append((month, point.value)) }
        }
        let table = DataTable(
            id: id + "-trend-table", caption: words.t("dashboard.trend_table", ["name": name]),
            columns: [words.t("dashboard.month"), words.t("dashboard.value_at_month_end")],
            rows: months.reversed().map { .init(header: words.month($0.0), cells: [words.number($0.1, unit: row.unit)]) })
        return Chart(svg: svg, table: table)
    }

    /// Bars per district in the reference data's order (a district the reference does not know last).
    static func districtChart(_ values: [String: Int64], id: String, name: String, unit: String, words: DashboardWords) -> Chart {
        let known = words.app.reference.districts
        var rows = known.map { RowBars.Row(label: $0.name, value: values[$0.slug] ?? 0) }
        for slug in values.keys.sorted() where !known.contains(where: { $0.slug == slug }) {
            rows.append(.init(label: words.t("dashboard.district_other"), value: values[slug] ?? 0))
        }
        let svg = RowBars(
            id: id + "-districts", title: words.t("dashboard.districts_title", ["name": name]),
            description: rows.map { "\($0.label): \(words.number($0.value, unit: unit))" }.joined(separator: "; "), rows: rows,
            format: { [words] in words.number($0, unit: unit) }
        ).svg
        let table = DataTable(
            id: id + "-districts-table", caption: words.t("dashboard.districts_table", ["name": name]),
            columns: [words.t("dashboard.district"), words.t("dashboard.value")],
            rows: rows.map { .init(header: $0.label, cells: [words.number($0.value, unit: unit)]) })
        return Chart(svg: svg, table: table)
    }
}
