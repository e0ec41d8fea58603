import Fluent
import NIOConcurrencyHelpers
import Vapor

/// A number the movement reports (signatures, donors, euros raised), registered by the
/// feature that owns it. `value` must be cheap: read a maintained counter, not a table scan.
public struct Indicator: Sendable {
    public var key: String
    public var unit: String
    public var value: @Sendable (any Database) async throws -> Int64

    public init(key: String, unit: String, value: @escaping @Sendable (any Database) async throws -> Int64) {
        self.key = key
        self.unit = unit
        self.value = value
    }
}

public struct IndicatorValue: Content, Sendable {
    public var key: String
    public var value: Int64
    public var unit: String
    public var target: Int64?
}

/// The home page's headline numbers: zero until the feature that counts them exists.
public enum Headline {
    public static let keys: [(key: String, unit: String)] = [
        ("manifesto_signatures", "signatures"), ("fund_donors", "donors"), ("fund_raised_cents", "euro cents"),
        ("initiatives", "initiatives"), ("upcoming_events", "events"),
    ]
}

/// Computes indicator values, keeping them for a couple of seconds so a burst of page
/// views costs the database one read per indicator, not one per view.
public final class IndicatorBoard: Sendable {
    private let cache: NIOLockedValueBox<(at: Date, values: [IndicatorValue])?> = .init(nil)
    let maxAge: TimeInterval

    public init(maxAge: TimeInterval = 2) { self.maxAge = maxAge }

    public func values(app: Application) async throws -> [IndicatorValue] {
        let now = Date()
        if let cached = cache.withLockedValue({ $0 }), now.timeIntervalSince(cached.at) < maxAge { return cached.values }
        let registered = app.features.flatMap { $0.indicators() }
        let targets = app.reference.targets
        var values: [IndicatorValue] = []
        for headline in Headline.keys where !registered.contains(where: { $0.key == headline.key }) {
            values.append(IndicatorValue(key: headline.key, value: 0, unit: headline.unit, target: targets[headline.key]))
        }
        for indicator in registered {
            values.append(IndicatorValue(key: indicator.key, value: try await indicator.value(app.db), unit: indicator.unit,
                                         target: targets[indicator.key]))
        }
        values.sort { $0.key < $1.key }
        cache.withLockedValue { $0 = (now, values) }
        return values
    }

    public func invalidate() { cache.withLockedValue { $0 = nil } }
}

extension Application {
    public var indicators: IndicatorBoard {
        if let board = storage[BoardKey.self] { return board }
        let board = IndicatorBoard()
        storage[BoardKey.self] = board
        return board
    }
    private struct BoardKey: StorageKey { typealias Value = IndicatorBoard }
}
