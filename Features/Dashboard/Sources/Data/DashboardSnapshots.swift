import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// Today's snapshot of every registered indicator: one row per indicator per Amsterdam day,
/// whoever runs it and however often (`INSERT … ON CONFLICT (indicator, day) DO UPDATE` on the
/// unique (indicator, day)): a later run of the same day replaces the value, so a day's row holds
/// the value late in that day. Run daily by the job, by hand with `kracht dashboard snapshot`.
struct TakeSnapshots {
    let app: Application

    enum Outcome: Equatable {
        /// `inserted` rows written now, `updated` indicators whose row of today got the newer value.
        case taken(day: String, inserted: Int, updated: Int, indicators: Int)
    }

    static let kind = "dashboard.snapshot"
    static let jobs: [JobDefinition] = [
        JobDefinition(kind: kind) { app, _ in _ = try await TakeSnapshots(app: app).run() }
    ]
    /// 21:00 UTC is 22:00 (winter) or 23:00 (summer) in Amsterdam: late in the same Amsterdam day
    /// all year (22 UTC would be midnight, the next day, in summer). The day's row then holds
    /// that day's value, and 31 December gets its own.
    static let hourUTC = 21
    static let scheduled: [ScheduledJob] = [ScheduledJob(kind: kind, dailyAtHourUTC: hourUTC)]

    func run() async throws -> Outcome {
        let now = app.clock.now()
        let day = AmsterdamTime.day(now)
        var values: [(String, Int64)] = []
        var seen = Set<String>()
        for indicator in app.features.flatMap({ $0.indicators() }) where seen.insert(indicator.key).inserted {
            values.append((indicator.key, try await indicator.value(app)))
        }
        guard !values.isEmpty else { return .taken(day: day, inserted: 0, updated: 0, indicators: 0) }
        // In key order, so that two instances at once lock the rows in the same order.
        let taken = values.sorted { $0.0 < $1.0 }
        let inserted = try await app.db.writeTransaction { db -> Int in
            var rows: [SQLQueryString] = []
            var fresh = Set<UUID>()
            for (key, value) in taken {
                let id = UUID()
                fresh.insert(id)
                rows.append("(\(bind: id), \(bind: key), \(bind: day), \(bind: value), \(bind: now))")
            }
            let list = rows.joined(separator: ", ")
            // An updated row keeps its id: a returned id of ours is a new row.
            let query: SQLQueryString = """
                INSERT INTO dashboard_snapshots (id, indicator_key, day, value, taken_at) VALUES \(list) \
                ON CONFLICT (indicator_key, day) DO UPDATE SET value = excluded.value, taken_at = excluded.taken_at \
                RETURNING id
                """
            let returned = try await db.sql.raw(query).all().map { try $0.decode(column: "id", as: UUID.self) }
            return returned.filter { fresh.contains($0) }.count
        }
        DashboardBoard.invalidate(app: app)
        return .taken(day: day, inserted: inserted, updated: taken.count - inserted, indicators: taken.count)
    }
}

/// Two years (or `days`) of plausible daily snapshots for every registered indicator, rising to
/// today's value: the dashboard benchmark's data and the demo's trend lines. Replaces the
/// snapshots of those days.
struct FillSnapshots {
    let app: Application

    func run(days: Int) async throws -> Int {
        let days = min(max(days, 1), 3_660)
        let now = app.clock.now()
        let today = AmsterdamTime.day(now)
        let first = AmsterdamTime.addingDays(-(days - 1), to: today)
        var current: [(String, Int64)] = []
        var seen = Set<String>()
        for indicator in app.features.flatMap({ $0.indicators() }) where seen.insert(indicator.key).inserted {
            current.append((indicator.key, try await indicator.value(app)))
        }
        var points: [(key: String, day: String, value: Int64)] = []
        for (index, (key, value)) in current.enumerated() {
            // A slow start and a steady climb with a little weekly rhythm, ending at today's value.
            for step in 0..<days {
                let progress = days == 1 ? 1.0 : Double(step) / Double(days - 1)
                let wobble = step == days - 1 ? 0 : 0.03 * sin(Double(step + index) / 7.0 * 2 * .pi)
                let shaped = max(0, min(1, pow(progress, 1.6) + wobble * progress))
                let number = step == days - 1 ? value : Int64((Double(value) * shaped).rounded(.down))
                points.append((key, AmsterdamTime.addingDays(step, to: first), number))
            }
        }
        let keys = current.map(\.0)
        let filled = points
        // The old days out and the new ones in, all or nothing (the inserts join this transaction).
        try await app.db.writeTransaction { db in
            guard !keys.isEmpty else { return }
            try await DashboardSnapshot.query(on: db).filter(\.$key ~~ keys).filter(\.$day >= first).filter(\.$day <= today).delete()
            var rows = BulkRows(DashboardSnapshot.schema, ["id", "indicator_key", "day", "value", "taken_at"])
            for point in filled { rows.add([UUID(), point.key, point.day, point.value, now]) }
            try await rows.insert(into: db)
        }
        DashboardBoard.invalidate(app: app)
        return points.count
    }
}

/// `kracht dashboard snapshot` and `kracht dashboard fill --days 730`.
struct DashboardCommand: AsyncCommandGroup {
    var help: String { "Dashboard: snapshot (today's indicator values), fill (benchmark history)" }
    var commands: [String: any AnyAsyncCommand] { ["snapshot": SnapshotCommand(), "fill": FillCommand()] }
}

struct SnapshotCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Takes today's snapshot of every indicator (one row per day; a later run of the day updates it)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let outcome = try await TakeSnapshots(app: context.application).run()
        switch outcome {
        case .taken(let day, let inserted, let updated, _):
            context.console.success("\(day): \(inserted) new snapshots, \(updated) of today updated.")
        }
    }
}

struct FillCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "days", help: "Days of history up to today (default 730).") var days: Int?
    }
    var help: String { "Benchmark data: daily snapshots of every indicator for the last days (never in production)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard app.environment != .production else { throw "kracht dashboard fill never runs in production" }
        try await app.autoMigrate()
        let rows = try await FillSnapshots(app: app).run(days: signature.days ?? 730)
        context.console.success("Filled \(rows) daily snapshots.")
    }
}
