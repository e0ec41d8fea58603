import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// The manifesto in the dashboard's annual report and the dashboard's district bars: signatures
/// confirmed during the year (online by their confirmation, paper on the day they were entered),
/// and the confirmed signatures per district, counted as the indicator counts them (every
/// confirmed signature, online and paper).
enum ManifestoAnnualReport {
    static func sections(year: Int, app: Application) async throws -> [ReportSection] {
        guard let range = AmsterdamTime.year(year) else { return [] }
        let (start, end) = (range.lowerBound, range.upperBound)
        let rows = try await app.db.sql.raw(
            """
            SELECT source, COUNT(*) AS n FROM signatures WHERE status = 'confirmed'
            AND COALESCE(confirmed_at, created_at) >= \(bind: start) AND COALESCE(confirmed_at, created_at) < \(bind: end)
            GROUP BY source
            """
        ).all()
        var bySource: [String: Int64] = [:]
        for row in rows { bySource[try row.decode(column: "source", as: String.self)] = try row.decode(column: "n", as: Int64.self) }
        let total = bySource.values.reduce(0, +)
        guard total > 0 else { return [] }
        return [
            ReportSection(
                titleKey: "report.manifesto.title",
                figures: [
                    .init(labelKey: "report.manifesto.signatures", value: total, unit: "signatures"),
                    .init(labelKey: "report.manifesto.online", value: bySource["online"] ?? 0, unit: "signatures"),
                    .init(labelKey: "report.manifesto.paper", value: bySource["paper"] ?? 0, unit: "signatures"),
                ])
        ]
    }

    /// Confirmed signatures per district key; the values sum to the indicator's count.
    static func byDistrict(app: Application) async throws -> [String: Int64] {
        var counts: [String: Int64] = [:]
        for row in try await app.db.sql.raw(
            "SELECT district, COUNT(*) AS n FROM signatures WHERE status = 'confirmed' GROUP BY district"
        ).all() {
            counts[try row.decode(column: "district", as: String.self), default: 0] += try row.decode(column: "n", as: Int64.self)
        }
        return counts
    }

    static var signaturesIndicator: Indicator {
        var indicator = Indicator(key: "manifesto_signatures", unit: "signatures", headlineOrder: 1) { db in
            try await SignatureCounter.total(on: db)
        }
        indicator.byDistrict = { app in try await byDistrict(app: app) }
        return indicator
    }
}
