import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// The fund's part of the dashboard's annual report: the money that came in during the year (gifts
/// paid between 1 January and 31 December in Amsterdam, less what was paid back), by how it was
/// given, and how many gifts that was. Money out is the fund's help (FundHelp's section).
enum FundAnnualReport {
    private struct Row: Decodable {
        let method: String
        let cents: Int64
        let gifts: Int64
    }

    static func sections(year: Int, app: Application) async throws -> [ReportSection] {
        guard let range = AmsterdamTime.year(year) else { return [] }
        let (start, end) = (range.lowerBound, range.upperBound)
        let rows = try await app.db.sql.raw(
            """
            SELECT method, CAST(COALESCE(SUM(amount_cents - refunded_cents), 0) AS BIGINT) AS cents, COUNT(*) AS gifts
            FROM fund_gifts WHERE status IN ('paid', 'refunded') AND paid_at >= \(bind: start) AND paid_at < \(bind: end)
            GROUP BY method ORDER BY method
            """
        ).all(decoding: Row.self)
        guard !rows.isEmpty else { return [] }
        let total = rows.reduce(Int64(0)) { $0 + $1.cents }
        let gifts = rows.reduce(Int64(0)) { $0 + $1.gifts }
        var figures = [
            ReportSection.Figure(labelKey: "report.fund.in_total", value: total, unit: "euro cents"),
            ReportSection.Figure(labelKey: "report.fund.gifts", value: gifts, unit: "gifts"),
        ]
        for method in Gift.Method.allCases {
            guard let row = rows.first(where: { $0.method == method.rawValue }) else { continue }
            figures.append(.init(labelKey: "report.fund.in.\(method.rawValue)", value: row.cents, unit: "euro cents"))
        }
        return [ReportSection(titleKey: "report.fund.title", figures: figures)]
    }
}
