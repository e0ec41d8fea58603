import Foundation
import NIOConcurrencyHelpers

/// One value kept for `maxAge` seconds, so a burst of page views costs one computation
/// (one database read) per `maxAge`, not one per view. (The requests that find it expired at
/// the same moment each compute it once; a cheap read, so no single-flight.) Shared by every
/// feature's counters and lists;
/// keep it in memory only for values that may be a little stale on another instance.
public final class ExpiringCache<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var storedAt = Date.distantPast
        /// Bumped by `clear()`, so a computation that began before a change does not store
        /// its stale result after the change cleared the cache.
        var generation = 0
    }

    private let state = NIOLockedValueBox(State())
    private let maxAge: TimeInterval
    private let now: @Sendable () -> Date

    /// `now` lets tests (and `AppClock`) move time; the wall clock by default.
    public init(maxAge: TimeInterval, now: @escaping @Sendable () -> Date = { Date() }) {
        self.maxAge = maxAge
        self.now = now
    }

    /// The cached value if younger than maxAge, else `compute()`'s, kept.
    /// A failed computation keeps nothing and throws.
    public func value(_ compute: @Sendable () async throws -> Value) async throws -> Value {
        let started = now()
        let (cached, generation) = state.withLockedValue { state -> (Value?, Int) in
            let age = started.timeIntervalSince(state.storedAt)
            return (age >= 0 && age < maxAge ? state.value : nil, state.generation)
        }
        if let cached { return cached }
        let fresh = try await compute()
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            state.value = fresh
            state.storedAt = started
        }
        return fresh
    }

    /// Forgets the value; the next `value(_:)` computes afresh. Call it after a change the
    /// reader must see at once (on this instance).
    public func clear() {
        state.withLockedValue { state in
            state.value = nil
            state.storedAt = .distantPast
            state.generation += 1
        }
    }
}
