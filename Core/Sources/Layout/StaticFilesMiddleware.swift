import Vapor

/// Serves `Public/` under `/static/`, cacheable for a day. Vapor's file middleware refuses
/// `..`; we also refuse encoded traversal and hidden files outright.
struct StaticFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory, defaultFile: nil, directoryAction: .none)
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.url.path.hasPrefix("/static/") else { return try await next.respond(to: req) }
        let raw = req.url.path.lowercased()
        guard !raw.contains("..") && !raw.contains("%2e") && !raw.contains("%2f") && !raw.contains("/.") && !raw.contains("\\")
        else { throw Abort(.notFound) }
        let response = try await files.respond(to: req, chainingTo: NotFoundResponder())
        if response.status == .ok { response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400") }
        return response
    }

    private struct NotFoundResponder: AsyncResponder {
        func respond(to request: Request) async throws -> Response { throw Abort(.notFound) }
    }
}
