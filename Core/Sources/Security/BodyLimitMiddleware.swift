import Vapor

/// Refuses a body over the limit before any work is done on it, whether it is announced
/// by `Content-Length` or already collected.
struct BodyLimitMiddleware: AsyncMiddleware {
    let maxBodySize: ByteCount

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let limit = Self.limit(for: req, default: maxBodySize.value)
        let announced = req.headers.first(name: .contentLength).flatMap(Int.init) ?? 0
        if announced > limit || (req.body.data?.readableBytes ?? 0) > limit {
            throw Abort(.payloadTooLarge)
        }
        return try await next.respond(to: req)
    }

    /// The limit of this request: larger for the few POST paths that take files (a bank
    /// statement), which a feature declares in `app.largeBodyPaths` while registering its routes.
    static func limit(for req: Request, default limit: Int) -> Int {
        req.method == .POST ? req.application.largeBodyPaths[req.url.path] ?? limit : limit
    }
}

extension Application {
    /// Exact POST paths that accept a body larger than `KRACHT_MAX_BODY_SIZE`, with their limit in bytes.
    public var largeBodyPaths: [String: Int] {
        get { storage[LargeBodyPathsKey.self] ?? [:] }
        set { storage[LargeBodyPathsKey.self] = newValue }
    }
    private struct LargeBodyPathsKey: StorageKey { typealias Value = [String: Int] }
}
