import Fluent
import Foundation
import Fund
import KrachtCore
import SQLKit
import Vapor

/// The fund's help in the dashboard's annual report: the applications received during the year,
/// the grants decided during it, and the money the fund paid out during it (payouts paid between
/// 1 January and 31 December in Amsterdam; a returned transfer is not money out). Public, so a
/// count under five is left out, with the money that goes with it (`SmallCount`).
enum FundHelpAnnualReport {
    static func sections(year: Int, app: Application) async throws -> [ReportSection] {
        guard let range = AmsterdamTime.year(year) else { return [] }
        let (start, end) = (range.lowerBound, range.upperBound)
        let figures = try await read(from: start, to: end, on: app.db)
        var shown: [ReportSection.Figure] = []
        if let applications = SmallCount.shown(figures.applications) {
            shown.append(.init(labelKey: "report.fundhelp.applications", value: applications, unit: "applications"))
        }
        if let grants = SmallCount.shown(figures.grants) {
            shown.append(.init(labelKey: "report.fundhelp.grants", value: grants, unit: "grants"))
            shown.append(.init(labelKey: "report.fundhelp.granted", value: figures.grantedCents, unit: "euro cents"))
        }
        if SmallCount.shown(figures.payouts) != nil {
            shown.append(.init(labelKey: "report.fundhelp.out_total", value: figures.paidCents, unit: "euro cents"))
        }
        guard !shown.isEmpty else { return [] }
        return [ReportSection(titleKey: "report.fundhelp.title", figures: shown)]
    }

    struct Figures: Equatable {
        var applications: Int64 = 0, grants: Int64 = 0, grantedCents: Int64 = 0
        var payouts: Int64 = 0, paidCents: Int64 = 0
    }

    /// The raw counts of `[start, end)`, before any is hidden: read from the columns a case keeps after erasure.
    static func read(from start: Date, to end: Date, on db: any Database) async throws -> Figures {
        let applications = try await db.sql.raw(
            "SELECT COUNT(*) AS n FROM support_applications WHERE created_at >= \(bind: start) AND created_at < \(bind: end)"
        ).first()
        let grants = try await db.sql.raw(
            """
            SELECT COUNT(*) AS n, CAST(COALESCE(SUM(granted_cents), 0) AS BIGINT) AS cents FROM support_applications
            WHERE status IN ('granted', 'paid') AND decided_at >= \(bind: start) AND decided_at < \(bind: end)
            """
        ).first()
        let payouts = try await db.sql.raw(
            """
            SELECT COUNT(*) AS n, CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) AS cents FROM support_payouts
            WHERE state = 'paid' AND paid_at >= \(bind: start) AND paid_at < \(bind: end)
            """
        ).first()
        return Figures(
            applications: try applications?.decode(column: "n", as: Int64.self) ?? 0,
            grants: try grants?.decode(column: "n", as: Int64.self) ?? 0,
            grantedCents: try grants?.decode(column: "cents", as: Int64.self) ?? 0,
            payouts: try payouts?.decode(column: "n", as: Int64.self) ?? 0,
            paidCents: try payouts?.decode(column: "cents", as: Int64.self) ?? 0)
    }
}
