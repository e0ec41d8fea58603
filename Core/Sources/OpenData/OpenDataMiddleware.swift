import Vapor

/// Open data behaviour for every request under `/api/v1/`.
struct OpenDataMiddleware: AsyncMiddleware {
    static let prefix = "/api/v1/"

    static func isOpenData(_ path: String) -> Bool { path.hasPrefix(prefix) || path == "/api/v1" }

    /// Anyone may read from any site; the caching headers are readable by a script.
    static func addCORS(to headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        headers.replaceOrAdd(name: "Access-Control-Expose-Headers", value: "ETag, Last-Modified, Link, X-Total-Count")
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard Self.isOpenData(req.url.path) else { return try await next.respond(to: req) }
        let response: Response
        do {
            response = try await next.respond(to: req)
        } catch let problem as APIProblem {
            return problem.response()
        }
        Self.addCORS(to: &response.headers)
        return response
    }
}
