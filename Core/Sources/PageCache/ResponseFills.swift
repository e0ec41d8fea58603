import Vapor

extension Application {
    /// Values a page needs fresh on every response though it is shared (`cachedForAnonymous`):
    /// a bot timer's signed, used-once token. Registered by name in a feature's `routes(_:app:)`
    /// (never later: requests read this without a lock); a shareable render writes a marker in
    /// their place and `PageCacheMiddleware` puts a fresh value there in every response.
    public var responseFills: [String: @Sendable (Request) -> String] {
        get { storage[ResponseFillsKey.self] ?? [:] }
        set { storage[ResponseFillsKey.self] = newValue }
    }
    private struct ResponseFillsKey: StorageKey { typealias Value = [String: @Sendable (Request) -> String] }
}

extension Request {
    /// The fill's value for this response; on a shareable render its marker, which the page
    /// cache replaces per response. The value must be plain text safe in HTML as it is (a
    /// token): it is put in without escaping.
    public func fill(_ name: String) -> String {
        isShareable ? ResponseFill.marker(name) : freshFill(name)
    }
}

/// How a fill's place is marked in a shareable page: a prefix with a random part drawn at
/// start, so no text a visitor wrote can pass for a marker; characters HTML escaping leaves alone.
enum ResponseFill {
    static let prefix = "kracht-fill-" + SecureToken.make().filter { $0.isLetter || $0.isNumber }.prefix(16) + ":"
    static let end = UInt8(ascii: ";")

    static func marker(_ name: String) -> String { prefix + name + ";" }
}
