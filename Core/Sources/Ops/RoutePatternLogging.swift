import Vapor

/// Logs each request by its route's pattern (`GET /fonds/aanvraag/:token`), never its path:
/// paths carry secrets (a status link's token, a confirmation link) and a log is copied to
/// places a database is not. A request that matched no route logs only its method.
struct RoutePatternLoggingMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        req.logger.info("\(req.method) \(req.routePattern)")
        return try await next.respond(to: req)
    }
}

extension Request {
    /// What a log line may say of where a request went: its route's pattern, not its path.
    public var routePattern: String {
        route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "(no route)"
    }
}
