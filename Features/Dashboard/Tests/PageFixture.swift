import Fluent
import Foundation
import KrachtCore
import Vapor

@testable import Dashboard

/// A feature that registers one plan indicator (signatures, with districts), a weekly series
/// and an annual report section, so the pages can be tested without the real features.
struct PageTestFeature: Feature {
    let name = "page-test"
    var signatures: Int64 = 1234

    func routes(_ routes: any RoutesBuilder, app: Application) throws {}

    func indicators() -> [Indicator] {
        let value = signatures
        var indicator = Indicator(key: "manifesto_signatures", unit: "signatures") { _ in value }
        indicator.byDistrict = { _ in ["centrum": 700, "west": 534] }
        return [indicator]
    }

    func weeklySeries() -> [WeeklySeries] {
        [
            WeeklySeries(key: "test_subscribers", labelKey: "dashboard.weekly_heading") { weeks, _ in
                (0..<weeks).map { WeeklySeries.Week(week: AmsterdamTime.addingDays(7 * $0, to: "2026-09-07"), value: Int64($0 * 3)) }
            }
        ]
    }
}

enum PageFixture {
    static let features: [any Feature] = [DashboardFeature(), PageTestFeature()]

    static func thisYear(_ app: Application) -> Int { AmsterdamTime.year(of: app.clock.now()) }

    /// One snapshot a day for `days` days up to today, growing by `step` a day from `first`.
    static func snapshots(_ app: Application, key: String = "manifesto_signatures", days: Int, first: Int64 = 0, step: Int64 = 1)
        async throws
    {
        let today = AmsterdamTime.day(app.clock.now())
        for offset in 0..<days {
            try await snapshot(
                app, key: key, day: AmsterdamTime.addingDays(offset - days + 1, to: today), value: first + Int64(offset) * step)
        }
    }

    static func snapshot(_ app: Application, key: String = "manifesto_signatures", day: String, value: Int64) async throws {
        let row = DashboardSnapshot()
        row.key = key
        row.day = day
        row.value = value
        row.takenAt = app.clock.now()
        try await row.create(on: app.db)
    }

    static func target(_ app: Application, year: Int, key: String = "manifesto_signatures", _ target: Int64) async throws {
        try await DashboardTarget(year: year, key: key, target: target, updatedAt: app.clock.now(), updatedBy: nil).create(on: app.db)
    }
}
