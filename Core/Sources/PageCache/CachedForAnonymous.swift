import Vapor

extension Route {
    /// Marks a page that shows nothing particular to an anonymous visitor (no name, no form
    /// values, no message): for such visitors it is rendered without any per-visitor secret and
    /// shared for `AppConfig.pageCacheSeconds` (see `PageCacheMiddleware`). A signed-in visitor
    /// never gets a shared page. Values that must differ per response (a bot timer's token) go
    /// through `Request.fill(_:)`.
    @discardableResult
    public func cachedForAnonymous() -> Route {
        userInfo[Self.cachedForAnonymousKey] = true
        return self
    }

    /// Whether this route declared `cachedForAnonymous()`.
    public var isCachedForAnonymous: Bool { userInfo[Self.cachedForAnonymousKey] as? Bool ?? false }

    private static let cachedForAnonymousKey = "kracht.cachedForAnonymous"
}

extension Request {
    /// This request gets the shareable render: a GET or HEAD of a `cachedForAnonymous` route
    /// from a visitor with no session, no flash message and no credentials. Its page carries no
    /// form token and sets no cookie, so it may be handed to the next such visitor.
    public var isShareable: Bool {
        if let known = storage[ShareableKey.self] { return known }
        let shareable =
            (method == .GET || method == .HEAD) && route?.isCachedForAnonymous == true
            && headers[.authorization].isEmpty
            && cookies[application.sessions.configuration.cookieName] == nil
            && cookies[Flash.cookieName] == nil
        storage[ShareableKey.self] = shareable
        return shareable
    }

    private struct ShareableKey: StorageKey { typealias Value = Bool }
}
