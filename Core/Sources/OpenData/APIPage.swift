import Vapor

/// `page` and `per_page` of a list under `/api/v1`, checked: a value that is not a whole number
/// in range (`per_page=1000000000`, `-1`, `abc`, `page=0`, `page=`) throws an `APIProblem`
/// (400) naming the parameter and its range, before any database work. Use it as:
///
///     let page = try APIPage(req)            // or APIPage(req, defaultPerPage: 20)
///     let rows = try await query.range(page.range).all()
///     let response = try await body.encodeResponse(for: req)
///     page.describe(total: total, in: response, for: req)   // Link (next/prev), X-Total-Count
///
/// In OpenAPI: `APIPage.parameters` (refs to the shared `page`/`per_page` components) and
/// `APIPage.badRequest` (the 400 response).
public struct APIPage: Sendable, Equatable {
    /// The documented largest page size.
    public static let maxPerPage = 100
    public static let defaultPerPage = 50
    /// Far beyond any list we have; keeps `offset` small and the arithmetic safe.
    public static let maxPage = 100_000

    public let page: Int
    public let perPage: Int

    public var offset: Int { (page - 1) * perPage }
    public var limit: Int { perPage }
    public var range: Range<Int> { offset..<(offset + perPage) }

    public init(page: Int = 1, perPage: Int = APIPage.defaultPerPage) {
        self.page = page
        self.perPage = perPage
    }

    /// Reads `page` and `per_page` from the request's query (the last one of a repeated name).
    public init(_ req: Request, defaultPerPage: Int = APIPage.defaultPerPage) throws(APIProblem) {
        try self.init(query: req.url.query, defaultPerPage: defaultPerPage)
    }

    public init(query: String?, defaultPerPage: Int = APIPage.defaultPerPage) throws(APIProblem) {
        var fields = FormFields()
        if let query, !query.isEmpty {
            guard let parsed = FormFields.parse(query.utf8) else {
                throw APIProblem(reason: "the query string could not be read")
            }
            fields = parsed
        }
        page = try Self.number(fields["page"], name: "page", default: 1, in: 1...Self.maxPage)
        perPage = try Self.number(
            fields["per_page"], name: "per_page", default: min(defaultPerPage, Self.maxPerPage), in: 1...Self.maxPerPage)
    }

    private static func number(_ raw: String?, name: String, default value: Int, in range: ClosedRange<Int>) throws(APIProblem) -> Int {
        guard let raw else { return value }
        guard raw.count <= 20, raw.allSatisfy(\.isASCII), let n = Int(raw), range.contains(n) else {
            throw APIProblem(
                parameter: name, reason: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    /// Tells the client where it is: `X-Total-Count` (when `total` is known) and a `Link`
    /// header with `next` (when more follow, or when the total is unknown and the page is full:
    /// pass `count`) and `prev`, each the same URL with only `page` changed.
    public func describe(total: Int?, count: Int? = nil, in response: Response, for req: Request) {
        if let total { response.headers.replaceOrAdd(name: "X-Total-Count", value: String(total)) }
        let hasNext: Bool =
            if let total { offset + perPage < total } else { (count ?? 0) >= perPage }
        var links: [String] = []
        if hasNext && page < Self.maxPage { links.append("<\(url(page: page + 1, req))>; rel=\"next\"") }
        if page > 1 { links.append("<\(url(page: page - 1, req))>; rel=\"prev\"") }
        if !links.isEmpty { response.headers.replaceOrAdd(name: "Link", value: links.joined(separator: ", ")) }
    }

    /// The request's own URL (on the configured base URL) with `page` set, other parameters
    /// kept as they were sent.
    func url(page: Int, _ req: Request) -> String {
        let kept = (req.url.query ?? "").split(separator: "&").filter { pair in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return name != "page" && !name.isEmpty
        }
        let query = (kept.map(String.init) + ["page=\(page)"]).joined(separator: "&")
        return req.application.config.baseURL + req.url.path + "?" + query
    }

    /// Path-item parameters for a paginated list (`"parameters": APIPage.parameters`).
    public static let parameters: JSONValue = [
        ["$ref": "#/components/parameters/page"], ["$ref": "#/components/parameters/per_page"],
    ]

    /// The response to a bad `page`/`per_page` (or other query) for a list's `"responses"`.
    public static let badRequest: JSONValue = ["$ref": "#/components/responses/BadRequest"]

    /// The shared components (`OpenAPIDocument` adds them).
    static let parameterComponents: JSONValue = [
        "page": [
            "name": "page", "in": "query", "required": false,
            "description": "Which page, from 1",
            "schema": ["type": "integer", "minimum": 1, "maximum": .int(Int64(maxPage)), "default": 1],
        ],
        "per_page": [
            "name": "per_page", "in": "query", "required": false,
            "description": .string("Items per page, at most \(maxPerPage)"),
            "schema": ["type": "integer", "minimum": 1, "maximum": .int(Int64(maxPerPage))],
        ],
    ]
}
