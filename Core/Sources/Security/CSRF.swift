import Vapor

/// Protection against cross-site posts, in two layers, for every state-changing request
/// (not GET, HEAD or OPTIONS; `csrfExempt` paths aside):
/// 1. a post a browser says comes from another origin is refused (`CrossOrigin`, 403): this
///    alone protects the anonymous forms, whose pages are shared (`cachedForAnonymous`) and so
///    carry no per-visitor token;
/// 2. a visitor with a session (the session cookie is there, signed in or not) must also send
///    the double-submit token: a random token in an HttpOnly cookie, the same token in each form
///    (`_csrf`) or in `X-CSRF-Token`, which a cross-site page can neither read nor forge. Defence
///    in depth for everything a signed-in person can do, should a browser send neither header.
///
/// The token is renewed whenever the person behind the browser changes (at login and logout,
/// `rotateCSRFToken`), so a token planted before the owner logged in (say on a shared computer)
/// is worthless afterwards. Renewing does not stop a sibling domain (`x.krachtvanmokum.nl`)
/// that can set cookies for ours: it could plant a known token again at any moment. On HTTPS
/// the cookie is therefore `__Host-kracht_csrf`, which browsers accept only from this very host
/// (Secure, Path=/, no Domain); plain HTTP (development, tests) keeps `kracht_csrf`.
public struct CSRFMiddleware: AsyncMiddleware {
    public static let cookieName = "kracht_csrf"
    public static let hostOnlyCookieName = "__Host-kracht_csrf"
    public static let fieldName = "_csrf"
    let secure: Bool
    let maxBodySize: ByteCount

    /// The cookie's name on a site served over HTTPS or not.
    public static func cookieName(https: Bool) -> String { https ? hostOnlyCookieName : cookieName }

    public func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let cookieName = Self.cookieName(https: secure)
        let existing = req.cookies[cookieName]?.string.nilIfEmpty
        // A shareable page is handed to other visitors: it gets no token and sets no cookie.
        guard !req.isShareable else { return try await next.respond(to: req) }
        let token = existing ?? SecureToken.make()
        req.storage[CSRFTokenKey.self] = token

        // A streamed upload's route for signed-in people refuses anyone else before it reads
        // anything, and without a user there is nothing to forge: its access check answers
        // them (401). An upload open to anyone (asking the fund for help) is refused from
        // another origin like every other form, and needs its token with a session.
        let streamedAnonymous =
            req.application.streamedUploadPaths.contains(req.url.path) && req.auth.get(User.self) == nil
            && req.route?.access != .anyone
        if ![.GET, .HEAD, .OPTIONS].contains(req.method) && !req.application.csrfExempt.contains(req.url.path) {
            if CrossOrigin.isCrossOrigin(req) {
                req.logger.notice("cross-origin post refused", metadata: ["route": .string(req.routePattern)])
                throw Abort(.forbidden, reason: "csrf")
            }
            let hasSession = req.cookies[req.application.sessions.configuration.cookieName] != nil
            if hasSession && !streamedAnonymous {
                guard let cookieToken = existing,
                    try await submittedToken(req).map({ SecureToken.constantTimeEquals($0, cookieToken) }) == true
                else {
                    req.logger.notice("csrf refused", metadata: ["route": .string(req.routePattern)])
                    throw Abort(.forbidden, reason: "csrf")
                }
            }
        }
        let response = try await next.respond(to: req)
        // Never on a response a shared cache may keep: it would hand one token to everyone; nor
        // on open data, which no form follows.
        let shared =
            response.headers.first(name: .cacheControl)?.contains("public") ?? false || req.url.path.hasPrefix("/api/")
        let current = req.csrfToken
        if (existing == nil || current != existing) && !shared {
            response.cookies[cookieName] = .init(
                string: current, maxAge: 60 * 60 * 24 * 7, domain: nil, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    private func submittedToken(_ req: Request) async throws -> String? {
        if let header = req.headers.first(name: "X-CSRF-Token") { return header }
        // A streamed upload: its body is read by the route, after the access check, never here.
        if req.application.streamedUploadPaths.contains(req.url.path) { return try? req.query.get(String.self, at: Self.fieldName) }
        guard req.headers.contentType == .urlEncodedForm || req.headers.contentType?.type == "multipart" else { return nil }
        if req.body.data == nil { _ = try await req.body.collect(max: req.route?.bodyLimit ?? maxBodySize.value).get() }
        guard let body = req.body.data else { return nil }
        return req.headers.contentType == .urlEncodedForm
            ? Self.formField(Self.fieldName, in: body) : Self.multipartField(Self.fieldName, in: body)
    }

    /// One field of a URL-encoded body, found by one pass over its bytes without splitting or
    /// decoding the rest (the route does that, with its caps): a hostile body of a million
    /// fields costs a scan, not a million allocations.
    static func formField(_ name: String, in body: ByteBuffer) -> String? {
        let prefix = Array((name + "=").utf8)
        return body.withUnsafeReadableBytes { bytes -> String? in
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.count
                if end - start >= prefix.count, bytes[start..<(start + prefix.count)].elementsEqual(prefix) {
                    return String(decoding: bytes[(start + prefix.count)..<end], as: UTF8.self)
                        .replacingOccurrences(of: "+", with: " ").removingPercentEncoding
                }
                start = end + 1
            }
            return nil
        }
    }

    /// The field's value in a multipart body, looked for in its first 64 KiB only: every form
    /// carries the token as its first field, and parsing a whole hostile multipart body before
    /// the request is even known to be genuine would cost more than the body is worth.
    static func multipartField(_ name: String, in body: ByteBuffer) -> String? {
        let head = String(decoding: body.readableBytesView.prefix(65_536), as: UTF8.self)
        guard let disposition = head.range(of: "name=\"\(name)\""),
            let valueStart = head.range(of: "\r\n\r\n", range: disposition.upperBound..<head.endIndex),
            let valueEnd = head.range(of: "\r\n", range: valueStart.upperBound..<head.endIndex)
        else { return nil }
        return String(head[valueStart.upperBound..<valueEnd.lowerBound])
    }
}

extension Request {
    /// The token every form on this page must carry.
    public var csrfToken: String { storage[CSRFTokenKey.self] ?? "" }

    /// A new token from this response on (see `CSRFMiddleware`): call it at login and logout.
    public func rotateCSRFToken() { storage[CSRFTokenKey.self] = SecureToken.make() }
}

private struct CSRFTokenKey: StorageKey { typealias Value = String }

extension Application {
    /// Exact paths that take POSTs from other servers, which carry no cookie and no form token
    /// (a payment provider's webhook, which must not change anything by itself). A feature adds
    /// its own while registering its routes; nothing is exempt by default.
    public var csrfExempt: Set<String> {
        get { storage[CSRFExemptKey.self] ?? [] }
        set { storage[CSRFExemptKey.self] = newValue }
    }
    private struct CSRFExemptKey: StorageKey { typealias Value = Set<String> }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
