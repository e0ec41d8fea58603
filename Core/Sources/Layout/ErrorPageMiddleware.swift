import Vapor

/// Turns every error into a page in the visitor's language (or JSON under /api), and never
/// shows internals: a 500 says sorry and is logged.
struct ErrorPageMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            let status = (error as? any AbortError)?.status ?? .internalServerError
            if status == .internalServerError {
                req.logger.error(
                    "request failed", metadata: ["error": .string(String(reflecting: error)), "route": .string(req.routePattern)])
            }
            let key = Self.messageKey(for: status, reason: (error as? any AbortError)?.reason)
            var headers = (error as? any AbortError)?.headers ?? [:]
            if !req.wantsHTML {
                headers.contentType = .json
                let body = try JSONEncoder().encode(ErrorBody(error: true, status: Int(status.code), reason: req.t(key)))
                return Response(status: status, headers: headers, body: .init(data: body))
            }
            do {
                let response = try await req.render(
                    "error", titleKey: key + ".title",
                    ErrorPage(status: Int(status.code), title: req.t(key + ".title"), message: req.t(key)), status: status)
                for (name, value) in headers where name.lowercased() == "retry-after" { response.headers.add(name: name, value: value) }
                return response
            } catch {
                req.logger.error("error page failed", metadata: ["error": .string(String(reflecting: error))])
                return Response(status: status, body: .init(string: req.t(key)))
            }
        }
    }

    static func messageKey(for status: HTTPStatus, reason: String?) -> String {
        switch status.code {
        case 400: "error.bad_request"
        case 401: "error.unauthorized"
        case 403: reason == "csrf" ? "error.csrf" : "error.forbidden"
        case 404: "error.not_found"
        case 405: "error.method_not_allowed"
        case 413: "error.too_large"
        case 429: "error.too_many"
        case 503: "error.unavailable"
        default: status.code >= 500 ? "error.server" : "error.bad_request"
        }
    }

    struct ErrorBody: Encodable {
        var error: Bool
        var status: Int
        var reason: String
    }
    struct ErrorPage: Encodable {
        var status: Int
        var title: String
        var message: String
    }
}
