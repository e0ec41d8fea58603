import Fluent
import KrachtCore
import SQLKit
import Vapor

/// `kracht verify`: one snapshot per indicator per day, no negative target.
enum DashboardVerify {
    private struct Duplicate: Decodable {
        let indicator_key: String
        let day: String
    }

    static func problems(app: Application) async throws -> [String] {
        var problems: [String] = []
        let duplicates = try await app.db.sql.raw(
            "SELECT indicator_key, day FROM dashboard_snapshots GROUP BY indicator_key, day HAVING COUNT(*) > 1"
        ).all(decoding: Duplicate.self)
        for duplicate in duplicates {
            problems.append("dashboard: more than one snapshot of \(duplicate.indicator_key) on \(duplicate.day)")
        }
        for target in try await DashboardTarget.query(on: app.db).filter(\.$target < 0).all() {
            problems.append("dashboard: negative target \(target.target) for \(target.key) in \(target.year)")
        }
        return problems
    }
}

/// The demo: targets for 2025 (the reference data's) and 2026 (a little higher), and 120 days
/// of snapshots so the trend lines have a shape.
enum DashboardDataDemo {
    static func seed(app: Application, people: DemoPeople) async throws {
        try await DashboardTargets.seedIfEmpty(app: app)
        let years = try await DashboardTargets.all(app: app)
        if years[2026] == nil, let base = years[2025] ?? years.values.first {
            let now = app.clock.now()
            let coordinator = try people.coordinator.requireID()
            try await app.db.writeTransaction { db in
                for (key, target) in base.sorted(by: { $0.key < $1.key }) {
                    // 2026: a fifth more, rounded to a figure a plan would name.
                    let raised = (target * 6 / 5 + 4) / 5 * 5
                    try await DashboardTarget(year: 2026, key: key, target: raised, updatedAt: now, updatedBy: coordinator).create(on: db)
                }
            }
            DashboardTargets.invalidate(app: app)
        }
        _ = try await FillSnapshots(app: app).run(days: 120)
    }
}
