import Foundation
import NIOConcurrencyHelpers

/// One value kept for `maxAge` seconds from when it was READY, so a burst of page views costs
/// one computation (one database read) per `maxAge`, not one per view. The age counts from the
/// end of the computation, not its start: a slow computation (a busy database, a debug build)
/// would otherwise store a value already too old, and every next reader would compute again.
/// Single-flight: the readers that miss at the same moment share one computation. Shared by every
/// feature's counters, lists and pages; keep in memory only values that may be a little stale
/// on another instance.
public final class ExpiringCache<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var readyAt = Date.distantPast
        /// Bumped by `clear()`, so a computation that began before a change does not store
        /// its stale result after the change cleared the cache.
        var generation = 0
        /// The computation under way (of this generation), which every reader who misses awaits.
        var computing: Task<Value, any Error>?
    }

    private let state = NIOLockedValueBox(State())
    private let maxAge: TimeInterval
    private let now: @Sendable () -> Date

    /// `now` lets tests (and `AppClock`) move time; the wall clock by default.
    public init(maxAge: TimeInterval, now: @escaping @Sendable () -> Date = { Date() }) {
        self.maxAge = maxAge
        self.now = now
    }

    /// The cached value if younger than maxAge, else `compute()`'s (or that of the computation
    /// another reader already started), kept. A failed computation keeps nothing and throws to
    /// everyone who awaited it. The computation runs on to the end even if the reader who
    /// started it is cancelled, as others may await it.
    public func value(_ compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let asked = now()
        let found = state.withLockedValue { state -> Found in
            let age = asked.timeIntervalSince(state.readyAt)
            if age >= 0, age < maxAge, let value = state.value { return .value(value) }
            if let computing = state.computing { return .computing(computing) }
            let generation = state.generation
            let task = Task { try await self.compute(compute, generation: generation) }
            state.computing = task
            return .computing(task)
        }
        switch found {
        case .value(let value): return value
        case .computing(let task): return try await task.value
        }
    }

    /// The value if it is still fresh, without computing anything.
    public func fresh() -> Value? {
        let asked = now()
        return state.withLockedValue { state in
            let age = asked.timeIntervalSince(state.readyAt)
            return age >= 0 && age < maxAge ? state.value : nil
        }
    }

    /// Whether a computation is under way: a reader who asks now awaits it, computing nothing.
    public var isComputing: Bool { state.withLockedValue { $0.computing != nil } }

    private enum Found {
        case value(Value)
        case computing(Task<Value, any Error>)
    }

    private func compute(_ compute: @Sendable () async throws -> Value, generation: Int) async throws -> Value {
        do {
            let fresh = try await compute()
            let ready = now()
            state.withLockedValue { state in
                guard state.generation == generation else { return }
                state.value = fresh
                state.readyAt = ready
                state.computing = nil
            }
            return fresh
        } catch {
            state.withLockedValue { state in
                if state.generation == generation { state.computing = nil }
            }
            throw error
        }
    }

    /// Forgets the value (and a computation under way); the next `value(_:)` computes afresh.
    /// Call it after a change the reader must see at once (on this instance).
    public func clear() {
        state.withLockedValue { state in
            state.value = nil
            state.readyAt = .distantPast
            state.generation += 1
            state.computing = nil
        }
    }
}
