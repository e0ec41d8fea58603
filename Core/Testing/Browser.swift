import KrachtCore
import Vapor
import XCTVapor
import XCTest

/// A visitor in tests: keeps cookies between requests and fills in the form token, as a browser would.
public final class Browser {
    public let app: Application
    public var cookies: [String: String] = [:]
    public var headers: HTTPHeaders = [:]

    public init(_ app: Application) { self.app = app }

    @discardableResult
    public func get(_ path: String, headers extra: HTTPHeaders = [:]) async throws -> XCTHTTPResponse {
        try await send(.GET, path, body: nil, contentType: nil, headers: extra)
    }

    /// The form token's cookie, under its name on this app (`__Host-kracht_csrf` on HTTPS).
    public var csrfToken: String? { cookies[CSRFMiddleware.cookieName(https: app.config.isHTTPS)] }

    /// Posts a form; the `_csrf` token from the cookie is added unless `csrf` is false. As in a
    /// browser, an anonymous visitor's forms (on shared pages) carry none; one with a session
    /// but no token yet fetches a page first, which sets it.
    @discardableResult
    public func post(_ path: String, _ form: [String: String] = [:], csrf: Bool = true) async throws -> XCTHTTPResponse {
        if csrf && csrfToken == nil && cookies[app.sessions.configuration.cookieName] != nil { try await get("/") }
        var fields = form
        if csrf, let token = csrfToken { fields["_csrf"] = token }
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await post(path, rawBody: ByteBuffer(string: body))
    }

    @discardableResult
    public func post(_ path: String, rawBody: ByteBuffer, contentType: HTTPMediaType = .urlEncodedForm) async throws -> XCTHTTPResponse {
        try await send(.POST, path, body: rawBody, contentType: contentType, headers: [:])
    }

    public func logIn(_ email: String, _ password: String = "correct horse battery") async throws {
        let response = try await post("/account/inloggen", ["email": email, "password": password])
        XCTAssertEqual(response.status, .seeOther, "login of \(email) failed: \(response.body.string.prefix(300))")
    }

    private func send(_ method: HTTPMethod, _ path: String, body: ByteBuffer?, contentType: HTTPMediaType?, headers extra: HTTPHeaders)
        async throws -> XCTHTTPResponse
    {
        var headers = self.headers
        headers.add(contentsOf: extra)
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        if let contentType { headers.contentType = contentType }
        if headers.first(name: .accept) == nil { headers.replaceOrAdd(name: .accept, value: "text/html") }
        let response = try await app.sendRequest(method, path, headers: headers, body: body) {
            (request: inout XCTHTTPRequest) async throws in
            request.url = URI(string: path)
        }
        for (name, cookie) in response.headers.setCookie?.all ?? [:] {
            if cookie.expires.map({ $0 < Date() }) == true || cookie.maxAge == 0 {
                cookies[name] = nil
            } else {
                cookies[name] = cookie.string
            }
        }
        return response
    }

    public static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

extension XCTHTTPResponse {
    public var location: String? { headers.first(name: .location) }
}
