import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// One day's value of an indicator, from its daily snapshot.
public struct DashboardPoint: Sendable, Codable, Equatable {
    /// Amsterdam day, `yyyy-MM-dd`.
    public var day: String
    public var value: Int64

    public init(day: String, value: Int64) {
        self.day = day
        self.value = value
    }
}

/// One indicator as the dashboard shows it: its value now, its target of the current target
/// year, its daily history and its districts.
public struct DashboardRow: Sendable, Encodable {
    public var key: String
    /// The text naming it (`indicator.<key>`, with a count).
    public var labelKey: String
    public var unit: String
    /// `nil`: "not yet available" (no feature present registers it).
    public var value: Int64?
    public var target: Int64?
    public var targetYear: Int?
    /// Every daily snapshot, oldest first.
    public var history: [DashboardPoint]
    /// The same figure per district (reference data slugs), where the feature knows one.
    public var districts: [String: Int64]?
    /// One of the policy plan's indicators (`DashboardBoard.planKeys`), not a feature's extra.
    public var isPlanIndicator: Bool
    public var headlineOrder: Int?

    public var isMoney: Bool { unit == "euro cents" }
}

/// The dashboard's read model: every indicator of the plan in the plan's order (then every
/// other registered indicator, by key), with value, target, history and districts. One query
/// for all histories, the whole board kept for two seconds (`ExpiringCache`).
public enum DashboardBoard {
    /// The policy plan's indicators ("Meetbare indicatoren"), in the plan's order. Keys that no
    /// present feature registers show as "not yet available".
    public static let planKeys: [(key: String, unit: String)] = [
        ("manifesto_signatures", "signatures"),
        ("people_connected", "people"),
        ("initiatives_under_flag", "initiatives"),
        ("active_organisers", "people"),
        ("fund_applications", "applications"),
        ("fund_grants", "grants"),
        ("event_attendees", "people"),
        ("subscribers_or_attendees", "people"),
        ("partnerships", "partners"),
        ("fund_donors", "donors"),
        ("fund_raised_cents", "euro cents"),
        ("storytelling_campaigns", "campaigns"),
        ("media_campaigns", "campaigns"),
    ]

    /// Every row, cached for two seconds.
    public static func rows(app: Application) async throws -> [DashboardRow] {
        try await app.dashboardBoardCache.value { try await compute(app: app) }
    }

    /// One row, or `nil` for a key that is neither the plan's nor registered.
    public static func row(key: String, app: Application) async throws -> DashboardRow? {
        try await rows(app: app).first { $0.key == key }
    }

    /// Forget the cached board and the pages drawn from it (after new targets or a snapshot).
    public static func invalidate(app: Application) {
        app.dashboardBoardCache.clear()
        for cache in app.dashboardPageCaches.values { cache.clear() }
    }

    /// Whether the dashboard knows this key (the plan's, or registered by a feature present).
    public static func knows(key: String, app: Application) -> Bool {
        keys(app: app).contains { $0.key == key }
    }

    /// One indicator's daily values between two Amsterdam days (inclusive, `yyyy-MM-dd`),
    /// oldest first, `limit` of them from `offset`.
    public static func history(
        key: String, from: String? = nil, to: String? = nil, offset: Int = 0, limit: Int? = nil, app: Application
    ) async throws -> [DashboardPoint] {
        var query = DashboardSnapshot.query(on: app.db).filter(\.$key == key)
        if let from { query = query.filter(\.$day >= from) }
        if let to { query = query.filter(\.$day <= to) }
        query = query.sort(\.$day)
        if let limit { query = query.range(offset..<(offset + limit)) } else if offset > 0 { query = query.offset(offset) }
        return try await query.all().map { DashboardPoint(day: $0.day, value: $0.value) }
    }

    /// How many daily values one indicator has between two days.
    public static func historyCount(key: String, from: String? = nil, to: String? = nil, app: Application) async throws -> Int {
        var query = DashboardSnapshot.query(on: app.db).filter(\.$key == key)
        if let from { query = query.filter(\.$day >= from) }
        if let to { query = query.filter(\.$day <= to) }
        return try await query.count()
    }

    private struct HistoryRow: Decodable {
        let indicator_key: String
        let points: String
    }

    /// Every history, one row per indicator with its points as `day=value,…` (two years of daily
    /// snapshots of thirty indicators are 22k rows: decoding them one by one was most of a cache
    /// miss, over a second on PostgreSQL in a debug build), oldest first.
    static func histories(on db: any Database) async throws -> [String: [DashboardPoint]] {
        let joined =
            db.isPostgres
            ? "string_agg(day || '=' || CAST(value AS TEXT), ',' ORDER BY day)" : "group_concat(day || '=' || CAST(value AS TEXT), ',')"
        let rows = try await db.sql.raw(
            "SELECT indicator_key, \(unsafeRaw: joined) AS points FROM dashboard_snapshots GROUP BY indicator_key"
        ).all(decoding: HistoryRow.self)
        var histories: [String: [DashboardPoint]] = [:]
        for row in rows {
            var points: [DashboardPoint] = []
            for entry in row.points.split(separator: ",") {
                guard let equals = entry.firstIndex(of: "="), let value = Int64(entry[entry.index(after: equals)...]) else { continue }
                points.append(DashboardPoint(day: String(entry[..<equals]), value: value))
            }
            points.sort { $0.day < $1.day }
            histories[row.indicator_key] = points
        }
        return histories
    }

    static func compute(app: Application) async throws -> [DashboardRow] {
        let registered = app.features.flatMap { $0.indicators() }
        let (year, targets) = try await app.indicatorTargets(app)
        // One query for every history, in day order.
        let histories = try await histories(on: app.db)

        func row(key: String, unit: String, indicator: Indicator?, isPlan: Bool) async throws -> DashboardRow {
            DashboardRow(
                key: key, labelKey: "indicator.\(key)", unit: indicator?.unit ?? unit,
                value: try await indicator?.value(app), target: targets[key], targetYear: targets[key] == nil ? nil : year,
                history: histories[key] ?? [], districts: try await indicator?.byDistrict?(app), isPlanIndicator: isPlan,
                headlineOrder: indicator?.headlineOrder)
        }
        var rows: [DashboardRow] = []
        for plan in planKeys {
            rows.append(try await row(key: plan.key, unit: plan.unit, indicator: registered.first { $0.key == plan.key }, isPlan: true))
        }
        var seen = Set(planKeys.map(\.key))
        for indicator in registered.sorted(by: { $0.key < $1.key }) where seen.insert(indicator.key).inserted {
            rows.append(try await row(key: indicator.key, unit: indicator.unit, indicator: indicator, isPlan: false))
        }
        return rows
    }
}

extension Application {
    var dashboardBoardCache: ExpiringCache<[DashboardRow]> {
        guard let cache = storage[DashboardBoardCacheKey.self] else {
            preconditionFailure("the dashboard's routes create the board's cache at start")
        }
        return cache
    }

    var dashboardTargetsCache: ExpiringCache<DashboardTargets.CurrentTargets> {
        guard let cache = storage[DashboardTargetsCacheKey.self] else {
            preconditionFailure("the dashboard's routes create the targets' cache at start")
        }
        return cache
    }

    /// Called once while the routes are registered (a single thread), so requests only read them.
    func makeDashboardDataCaches() {
        let clock = self.clock
        storage[DashboardBoardCacheKey.self] = ExpiringCache(maxAge: 2, now: { clock.now() })
        // Cleared on every save; the minute only bounds another instance's staleness.
        storage[DashboardTargetsCacheKey.self] = ExpiringCache(maxAge: 60, now: { clock.now() })
    }

    private struct DashboardBoardCacheKey: StorageKey { typealias Value = ExpiringCache<[DashboardRow]> }
    private struct DashboardTargetsCacheKey: StorageKey { typealias Value = ExpiringCache<DashboardTargets.CurrentTargets> }
}
