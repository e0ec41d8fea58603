import Fluent
import NIOConcurrencyHelpers
import Vapor

/// The current manifesto version, read once every few seconds rather than on every page view
/// or sign-up; publishing a version clears it.
final class VersionCache: Sendable {
    private let cached = NIOLockedValueBox<(version: ManifestoVersion, at: Date)?>(nil)

    func current(on db: any Database) async throws -> ManifestoVersion {
        if let hit = cached.withLockedValue({ $0 }), Date().timeIntervalSince(hit.at) < 5 { return hit.version }
        let version = try await ManifestoVersion.current(on: db)
        cached.withLockedValue { $0 = (version, Date()) }
        return version
    }

    func currentNumber(on db: any Database) async throws -> Int { try await current(on: db).number }

    func clear() { cached.withLockedValue { $0 = nil } }
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
