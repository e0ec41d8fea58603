import Vapor

/// The one shape of every `/api/v1` error: `{"error": true, "status": 400, "reason": "…",
/// "parameter": "per_page"}` — the same fields `ErrorPageMiddleware` writes for a 404 or 500
/// under /api, plus the query parameter at fault when there is one. Throw it from a handler
/// (`OpenDataMiddleware` turns it into the response) or return `problem.response(for: req)`.
///
///     throw APIProblem(.badRequest, parameter: "district", reason: "district must be a slug")
public struct APIProblem: Error, Content, Sendable, Equatable {
    public var error = true
    public var status: Int
    public var reason: String
    public var parameter: String?

    public init(_ status: HTTPResponseStatus = .badRequest, parameter: String? = nil, reason: String) {
        self.status = Int(status.code)
        self.reason = reason
        self.parameter = parameter
    }

    /// The JSON response, open to any site like the data it stands in for.
    public func response() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        OpenDataMiddleware.addCORS(to: &headers)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = (try? encoder.encode(self)) ?? Data(#"{"error":true}"#.utf8)
        return Response(status: HTTPResponseStatus(statusCode: status), headers: headers, body: .init(data: body))
    }

    /// The OpenAPI schema of this body (`#/components/schemas/Problem`).
    public static let schema: JSONValue = [
        "type": "object",
        "required": ["error", "status", "reason"],
        "properties": [
            "error": ["type": "boolean", "const": true],
            "status": ["type": "integer", "description": "The HTTP status again"],
            "reason": ["type": "string", "description": "What was wrong, in plain English"],
            "parameter": ["type": "string", "description": "The query parameter at fault, when there is one"],
        ],
    ]
}
