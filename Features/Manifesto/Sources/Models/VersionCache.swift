import Fluent
import KrachtCore
import Vapor

/// The current manifesto version, read once every few seconds rather than on every page view
/// or sign-up; publishing a version clears it.
final class VersionCache: Sendable {
    private let cache = ExpiringCache<ManifestoVersion>(maxAge: 5)

    func current(on db: any Database) async throws -> ManifestoVersion {
        try await cache.value { try await ManifestoVersion.current(on: db) }
    }

    func currentNumber(on db: any Database) async throws -> Int { try await current(on: db).number }

    func clear() { cache.clear() }
}

extension Application {
    var manifestoVersions: VersionCache {
        if let cache = storage[CacheKey.self] { return cache }
        let cache = VersionCache()
        storage[CacheKey.self] = cache
        return cache
    }
    private struct CacheKey: StorageKey { typealias Value = VersionCache }
}
