import Foundation
import KrachtCore
import NIOConcurrencyHelpers
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
        return try await app.dashboardPageCache(language).value { try await make(app: app, language: language) }
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
            apiPath: DashboardPath.apiIndicators.path)
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

/// The page of one language, kept for `maxAge` seconds counted from when it was READY, not from
/// when its computation began (as `ExpiringCache` counts): with two years of snapshots a cache miss
/// takes a while in a debug build or on a busy database, and a page that is already older than
/// its age when stored is a miss for every next reader, so the slow path became every request's.
/// A `clear()` during a computation keeps that computation's (stale) result out.
final class DashboardPageCache: Sendable {
    private struct State {
        var page: DashboardPage?
        var readyAt = Date.distantPast
        var generation = 0
    }
    private let state = NIOLockedValueBox(State())
    private let maxAge: TimeInterval
    private let now: @Sendable () -> Date

    init(maxAge: TimeInterval, now: @escaping @Sendable () -> Date) {
        self.maxAge = maxAge
        self.now = now
    }

    func value(_ compute: @Sendable () async throws -> DashboardPage) async throws -> DashboardPage {
        let asked = now()
        let (cached, generation) = state.withLockedValue { state -> (DashboardPage?, Int) in
            let age = asked.timeIntervalSince(state.readyAt)
            return (age >= 0 && age < maxAge ? state.page : nil, state.generation)
        }
        if let cached { return cached }
        let fresh = try await compute()
        let ready = now()
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            state.page = fresh
            state.readyAt = ready
        }
        return fresh
    }

    func clear() {
        state.withLockedValue { state in
            state.page = nil
            state.readyAt = .distantPast
            state.generation += 1
        }
    }
}

extension Application {
    /// The dashboard page per language, for two seconds after it was drawn.
    func dashboardPageCache(_ language: Language) -> DashboardPageCache {
        let caches = storage[DashboardPageCachesKey.self] ?? makeDashboardPageCaches()
        return caches.withLockedValue { caches in
            if let cache = caches[language.rawValue] { return cache }
            let clock = self.clock
            let cache = DashboardPageCache(maxAge: 2, now: { clock.now() })
            caches[language.rawValue] = cache
            return cache
        }
    }

    /// Made when the routes are registered (single-threaded), so requests only read the storage.
    @discardableResult
    func makeDashboardPageCaches() -> NIOLockedValueBox<[String: DashboardPageCache]> {
        if let caches = storage[DashboardPageCachesKey.self] { return caches }
        let caches = NIOLockedValueBox<[String: DashboardPageCache]>([:])
        storage[DashboardPageCachesKey.self] = caches
        return caches
    }

    private struct DashboardPageCachesKey: StorageKey {
        typealias Value = NIOLockedValueBox<[String: DashboardPageCache]>
    }
}
