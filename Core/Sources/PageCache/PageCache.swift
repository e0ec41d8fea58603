import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The shared anonymous pages (`PageCacheMiddleware`): one `ExpiringCache` per path, query and
/// language, so a burst of visitors of one page costs one render per `maxAge` (the visitors who
/// miss at once share it). Bounded: arbitrary query strings cannot grow memory; when every
/// place is taken by a live page, a new one is rendered for its visitor without being kept.
public final class PageCache: Sendable {
    static let maxEntries = 2_000
    static let maxBodyBytes = 1 << 20
    static let maxKeyLength = 2_048

    private struct Slot {
        let cache: ExpiringCache<SharedPage?>
        var usedAt: Date
    }

    private struct State {
        var maxAge: TimeInterval
        var slots: [String: Slot] = [:]
    }

    private let state: NIOLockedValueBox<State>
    private let now: @Sendable () -> Date

    /// `now` lets tests move time (`AppClock`).
    init(maxAge: TimeInterval, now: @escaping @Sendable () -> Date = { Date() }) {
        self.state = NIOLockedValueBox(State(maxAge: maxAge))
        self.now = now
    }

    /// Seconds a page is shared; 0 shares none (the default under test, where a test that
    /// changes data and looks again at once must see the change; a test of the cache sets it).
    public var maxAge: TimeInterval {
        get { state.withLockedValue { $0.maxAge } }
        set { state.withLockedValue { $0 = State(maxAge: newValue) } }
    }

    /// Forgets every page.
    public func clear() { state.withLockedValue { $0.slots.removeAll() } }

    /// The place for this key's page, nil when sharing is off or no place is free.
    func slot(_ key: String) -> ExpiringCache<SharedPage?>? {
        let now = now()
        return state.withLockedValue { state in
            guard state.maxAge > 0, key.utf8.count <= Self.maxKeyLength else { return nil }
            if state.slots[key] != nil {
                state.slots[key]?.usedAt = now
                return state.slots[key]?.cache
            }
            if state.slots.count >= Self.maxEntries {
                // A place not looked at for maxAge holds an expired page at most.
                let maxAge = state.maxAge
                state.slots = state.slots.filter { now.timeIntervalSince($0.value.usedAt) < maxAge }
                guard state.slots.count < Self.maxEntries else { return nil }
            }
            let cache = ExpiringCache<SharedPage?>(maxAge: state.maxAge, now: self.now)
            state.slots[key] = Slot(cache: cache, usedAt: now)
            return cache
        }
    }

    /// Whether this key's page costs a visitor nothing to render: a live page is kept (a few
    /// copies), or its render is under way (the visitor awaits that one). Nothing when the page
    /// must be rendered for this visitor.
    func isCheap(_ key: String) -> Bool {
        guard let cache = state.withLockedValue({ $0.slots[key]?.cache }) else { return false }
        return cache.isComputing || cache.fresh().flatMap { $0 } != nil
    }

    var count: Int { state.withLockedValue { $0.slots.count } }
}

extension Application {
    private struct PageCacheKey: StorageKey { typealias Value = PageCache }

    /// The shared anonymous pages; made in `configureKracht`, off under test unless a test sets `maxAge`.
    public var pageCache: PageCache {
        if let cache = storage[PageCacheKey.self] { return cache }
        let clock = clock
        let cache = PageCache(maxAge: environment == .testing ? 0 : config.pageCacheSeconds, now: { clock.now() })
        storage[PageCacheKey.self] = cache
        return cache
    }
}
