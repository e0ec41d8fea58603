import Fluent
import Vapor

/// A number the movement reports (signatures, donors, euros raised), registered by the
/// feature that owns it. `value` must be cheap: read a maintained counter, not a table scan.
/// An indicator with a `headlineOrder` is one of the home page's headline figures, in that
/// order; a feature that is not there shows no figure.
public struct Indicator: Sendable {
    public var key: String
    public var unit: String
    public var headlineOrder: Int?
    public var value: @Sendable (Application) async throws -> Int64
    /// The same figure per district (reference data keys), for the dashboard's bars, where the
    /// feature knows one; `nil` when it has no breakdown.
    public var byDistrict: (@Sendable (Application) async throws -> [String: Int64])?

    public init(
        key: String, unit: String, headlineOrder: Int? = nil,
        value: @escaping @Sendable (any Database) async throws -> Int64
    ) {
        self.key = key
        self.unit = unit
        self.headlineOrder = headlineOrder
        self.value = { app in try await value(app.db) }
    }

    /// An indicator that needs more of the app than its database: the reference data, say.
    /// (A function, not a second `init`: a trailing closure would fit both.)
    public static func fromApp(
        key: String, unit: String, headlineOrder: Int? = nil, _ value: @escaping @Sendable (Application) async throws -> Int64
    ) -> Indicator {
        var indicator = Indicator(key: key, unit: unit, headlineOrder: headlineOrder) { _ in 0 }
        indicator.value = value
        return indicator
    }
}

public struct IndicatorValue: Content, Sendable {
    public var key: String
    public var value: Int64
    public var unit: String
    public var target: Int64?
    /// The year of `target` (`app.indicatorTargets`: the dashboard's current target year).
    public var targetYear: Int?
    /// Set for the home page's headline figures, in their order.
    public var headlineOrder: Int?
}

/// Computes indicator values, keeping them for a couple of seconds so a burst of page
/// views costs the database one read per indicator, not one per view.
public final class IndicatorBoard: Sendable {
    private let cache: ExpiringCache<[IndicatorValue]>

    public init(maxAge: TimeInterval = 2, now: @escaping @Sendable () -> Date = { Date() }) {
        cache = ExpiringCache(maxAge: maxAge, now: now)
    }

    public func values(app: Application) async throws -> [IndicatorValue] {
        try await cache.value {
            let (year, targets) = try await app.indicatorTargets(app)
            var values: [IndicatorValue] = []
            for indicator in app.features.flatMap({ $0.indicators() }) {
                values.append(
                    IndicatorValue(
                        key: indicator.key, value: try await indicator.value(app), unit: indicator.unit,
                        target: targets[indicator.key], targetYear: targets[indicator.key] == nil ? nil : year,
                        headlineOrder: indicator.headlineOrder))
            }
            return values.sorted { $0.key < $1.key }
        }
    }

    public func invalidate() { cache.clear() }

    /// The home page's headline figures, in their order.
    public func headline(app: Application) async throws -> [IndicatorValue] {
        try await values(app: app).filter { $0.headlineOrder != nil }.sorted { $0.headlineOrder! < $1.headlineOrder! }
    }
}

/// The targets the indicators are measured against, and their year: the reference data's
/// (`targets-<year>.csv`) unless a feature keeps them editable (the dashboard's).
public typealias IndicatorTargets = @Sendable (Application) async throws -> (year: Int, targets: [String: Int64])

extension Application {
    public var indicatorTargets: IndicatorTargets {
        get { storage[TargetsKey.self] ?? { app in (app.reference.targetsYear, app.reference.targets) } }
        set { storage[TargetsKey.self] = newValue }
    }
    private struct TargetsKey: StorageKey { typealias Value = IndicatorTargets }

    public var indicators: IndicatorBoard {
        if let board = storage[BoardKey.self] { return board }
        let clock = self.clock
        let board = IndicatorBoard(now: { clock.now() })
        storage[BoardKey.self] = board
        return board
    }
    private struct BoardKey: StorageKey { typealias Value = IndicatorBoard }
}
