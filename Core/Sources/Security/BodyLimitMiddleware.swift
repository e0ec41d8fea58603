import Vapor

/// Refuses a body over the limit before any work is done on it, whether it is announced
/// by `Content-Length` or already collected.
struct BodyLimitMiddleware: AsyncMiddleware {
    let maxBodySize: ByteCount

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // A streamed upload's route counts its bytes itself, after checking who sends them.
        if req.method == .POST && req.application.streamedUploadPaths.contains(req.url.path) { return try await next.respond(to: req) }
        let limit = req.route?.bodyLimit ?? maxBodySize.value
        let announced = req.headers.first(name: .contentLength).flatMap(Int.init) ?? 0
        if announced > limit || (req.body.data?.readableBytes ?? 0) > limit {
            throw Abort(.payloadTooLarge)
        }
        return try await next.respond(to: req)
    }
}

extension Application {
    /// Exact POST paths whose route streams the body itself (a bank statement upload, up to its own
    /// limit), after its access check: the body limit leaves them to it, and the CSRF check takes
    /// their token from the query (`?_csrf=`, the form's action) or the header, never the body.
    public var streamedUploadPaths: Set<String> {
        get { storage[StreamedUploadPathsKey.self] ?? [] }
        set { storage[StreamedUploadPathsKey.self] = newValue }
    }
    private struct StreamedUploadPathsKey: StorageKey { typealias Value = Set<String> }
}

extension Route {
    /// A route that takes a larger body than the site's limit (a photo upload, up to
    /// `KRACHT_IMAGE_MAX_BYTES` and its form), set by `acceptingBody(upTo:)`.
    public var bodyLimit: Int? { userInfo["kracht.bodyLimit"] as? Int }

    /// Lets this route's body be `bytes` long (register it with `body: .collect(maxSize:)` too).
    @discardableResult
    public func acceptingBody(upTo bytes: Int) -> Route {
        userInfo["kracht.bodyLimit"] = bytes
        return self
    }
}
