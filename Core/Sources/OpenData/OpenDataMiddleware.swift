import Crypto
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Open data behaviour for every request under `/api/v1` (JSON and CSV alike):
/// - open to any site (`Access-Control-Allow-Origin: *`, the caching headers exposed, a CORS
///   preflight for GET answered here);
/// - a strong `ETag` (a hash of the body), `Last-Modified` (when this body was first served for
///   this path and query) and a short `Cache-Control`; `304 Not Modified` on a matching
///   `If-None-Match` (a list, `*`, weak comparison) or, without one, on `If-Modified-Since`;
/// - a response cache of `OpenDataCache.maxAge` seconds, by path, query and language, for
///   anonymous readers of routes anyone may use: a burst of reads or revalidations within that
///   window is answered from memory, before sessions and before any database work;
/// - a thrown `APIProblem` becomes its JSON response; an `If-None-Match` over
///   `maxConditionLength` is refused with one.
struct OpenDataMiddleware: AsyncMiddleware {
    static let maxConditionLength = 1024
    static let cacheControl = "public, max-age=5"
    let cache: OpenDataCache

    init(cache: OpenDataCache = OpenDataCache()) { self.cache = cache }

    static func isOpenData(_ path: String) -> Bool { path.hasPrefix("/api/v1/") || path == "/api/v1" }

    /// Anyone may read from any site; the caching and paging headers are readable by a script.
    static func addCORS(to headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        headers.replaceOrAdd(name: "Access-Control-Expose-Headers", value: "ETag, Last-Modified, Link, X-Total-Count")
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard Self.isOpenData(req.url.path) else { return try await next.respond(to: req) }
        switch req.method {
        case .OPTIONS: return Self.preflight()
        case .GET, .HEAD: break
        default:
            do {
                let response = try await next.respond(to: req)
                Self.addCORS(to: &response.headers)
                return response
            } catch let problem as APIProblem {
                return problem.response()
            }
        }
        let conditions = req.headers[.ifNoneMatch]
        guard conditions.reduce(0, { $0 + $1.utf8.count }) <= Self.maxConditionLength else {
            return APIProblem(reason: "If-None-Match must be at most \(Self.maxConditionLength) characters long").response()
        }
        let key = cacheKey(req)
        if let key, let hit = cache.fresh(key) { return hit.answer(to: req) }

        let response: Response
        do {
            response = try await next.respond(to: req)
        } catch let problem as APIProblem {
            return problem.response()
        }
        Self.addCORS(to: &response.headers)
        guard response.status == .ok else { return response }
        let body: ByteBuffer
        if let buffer = response.body.buffer {
            body = buffer
        } else {
            body = try await response.body.collect(on: req.eventLoop).get() ?? ByteBuffer()
        }
        let tag = Self.tag(of: body)
        if response.headers.first(name: .cacheControl) == nil {
            response.headers.replaceOrAdd(name: .cacheControl, value: Self.cacheControl)
        }
        let served = OpenDataCache.Entry(
            status: response.status, headers: response.headers, body: body, etag: tag,
            lastModified: cache.firstServed(req.url.string + "\n" + language(req), etag: tag))
        if let key, response.headers[.setCookie].isEmpty,
            !response.headers[.cacheControl].contains(where: { $0.contains("private") || $0.contains("no-store") })
        {
            cache.store(served, for: key)
        }
        return served.answer(to: req)
    }

    /// Path, query and language of an anonymous reader of a route anyone may use; nil for
    /// anything else (a cookie or credentials, a route with other access, an unknown path).
    private func cacheKey(_ req: Request) -> String? {
        guard req.route?.access == .anyone, req.headers[.cookie].isEmpty, req.headers[.authorization].isEmpty else { return nil }
        let key = req.url.string + "\n" + language(req)
        return key.utf8.count <= OpenDataCache.maxKeyLength ? key : nil
    }

    private func language(_ req: Request) -> String { String((req.headers.first(name: .acceptLanguage) ?? "").prefix(100)) }

    /// A strong validator: the first 128 bits of the body's SHA-256, quoted.
    static func tag(of body: ByteBuffer) -> String {
        let digest = SHA256.hash(data: body.readableBytesView)
        return "\"" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// `OPTIONS` before a cross-site GET: allowed, for a day.
    static func preflight() -> Response {
        var headers = HTTPHeaders()
        addCORS(to: &headers)
        headers.replaceOrAdd(name: "Access-Control-Allow-Methods", value: "GET, HEAD, OPTIONS")
        headers.replaceOrAdd(name: "Access-Control-Allow-Headers", value: "Accept, Accept-Language, If-None-Match, If-Modified-Since")
        headers.replaceOrAdd(name: "Access-Control-Max-Age", value: "86400")
        return Response(status: .noContent, headers: headers)
    }
}

/// What `OpenDataMiddleware` remembers: responses for `maxAge` seconds, and when each body
/// (path, query, language and ETag) was first served, for `Last-Modified`. Both bounded.
public final class OpenDataCache: Sendable {
    /// How long a response is kept: short, so a change shows within a moment everywhere.
    public static let defaultMaxAge: TimeInterval = 1.5
    static let maxEntries = 500
    static let maxBodyBytes = 2 << 20
    static let maxKeyLength = 2048
    static let maxRemembered = 10_000

    struct Entry: Sendable {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: ByteBuffer
        var etag: String
        /// The HTTP date, and the moment it stands for (whole seconds).
        var lastModified: (text: String, date: Date)

        init(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer, etag: String, lastModified: (text: String, date: Date)) {
            self.status = status
            self.body = body
            self.etag = etag
            self.lastModified = lastModified
            var headers = headers
            headers.replaceOrAdd(name: .eTag, value: etag)
            headers.replaceOrAdd(name: .lastModified, value: lastModified.text)
            headers.remove(name: .contentLength)
            self.headers = headers
        }

        /// The full response, or a 304 when the request's conditions say the client has it.
        func answer(to req: Request) -> Response {
            if notModified(req) {
                var headers = HTTPHeaders()
                for name in [
                    HTTPHeaders.Name.eTag, .lastModified, .cacheControl, .init("Access-Control-Allow-Origin"),
                    .init("Access-Control-Expose-Headers"),
                ] {
                    if let value = self.headers.first(name: name) { headers.replaceOrAdd(name: name, value: value) }
                }
                return Response(status: .notModified, headers: headers)
            }
            return Response(status: status, headers: headers, body: .init(buffer: body))
        }

        func notModified(_ req: Request) -> Bool {
            let conditions = req.headers[.ifNoneMatch]
            if !conditions.isEmpty {
                let ours = Self.opaque(etag)
                return conditions.flatMap { $0.split(separator: ",") }.contains { raw in
                    let tag = raw.trimmingCharacters(in: .whitespaces)
                    return tag == "*" || Self.opaque(tag) == ours
                }
            }
            if let since = req.headers.first(name: .ifModifiedSince), since.utf8.count <= 64,
                let date = OpenDataCache.httpDate(since)
            {
                return lastModified.date <= date
            }
            return false
        }

        /// Weak comparison: `W/"x"` and `"x"` are the same tag.
        static func opaque(_ tag: some StringProtocol) -> Substring {
            let tag = Substring(tag)
            return tag.hasPrefix("W/") ? tag.dropFirst(2) : tag
        }
    }

    private struct State {
        var maxAge: TimeInterval
        var entries: [String: (entry: Entry, storedAt: Date)] = [:]
        var firstServed: [String: (etag: String, text: String, date: Date)] = [:]
    }

    private let state: NIOLockedValueBox<State>
    private let now: @Sendable () -> Date

    init(maxAge: TimeInterval = OpenDataCache.defaultMaxAge, now: @escaping @Sendable () -> Date = { Date() }) {
        self.state = NIOLockedValueBox(State(maxAge: maxAge))
        self.now = now
    }

    /// Seconds a response is kept; 0 keeps none (the default under test, so a test that
    /// changes data and reads it again at once sees the change; a test of the cache sets it).
    public var maxAge: TimeInterval {
        get { state.withLockedValue { $0.maxAge } }
        set { state.withLockedValue { $0.maxAge = newValue } }
    }

    func fresh(_ key: String) -> Entry? {
        let now = now()
        return state.withLockedValue { state in
            guard let found = state.entries[key] else { return nil }
            let age = now.timeIntervalSince(found.storedAt)
            guard age >= 0, age < state.maxAge else {
                state.entries[key] = nil
                return nil
            }
            return found.entry
        }
    }

    func store(_ entry: Entry, for key: String) {
        guard entry.body.readableBytes <= Self.maxBodyBytes else { return }
        let now = now()
        state.withLockedValue { state in
            guard state.maxAge > 0 else { return }
            if state.entries.count >= Self.maxEntries {
                let maxAge = state.maxAge
                state.entries = state.entries.filter { now.timeIntervalSince($0.value.storedAt) < maxAge }
                guard state.entries.count < Self.maxEntries else { return }
            }
            state.entries[key] = (entry, now)
        }
    }

    /// When this body was first served here (now, if its tag is new for this key).
    func firstServed(_ key: String, etag: String) -> (text: String, date: Date) {
        let key = String(key.prefix(Self.maxKeyLength))
        let seconds = Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down))
        return state.withLockedValue { state in
            if let known = state.firstServed[key], known.etag == etag { return (known.text, known.date) }
            if state.firstServed.count >= Self.maxRemembered { state.firstServed.removeAll(keepingCapacity: true) }
            let text = HTTPHeaders.LastModified(seconds).serialize()
            state.firstServed[key] = (etag, text, seconds)
            return (text, seconds)
        }
    }

    /// Forgets every response (not the first-served dates); for tests and after a bulk change.
    public func clear() { state.withLockedValue { $0.entries.removeAll() } }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}

extension Application {
    private struct OpenDataCacheKey: StorageKey { typealias Value = OpenDataCache }

    /// The open data response cache (`OpenDataMiddleware`); off under test unless a test turns it on.
    public var openDataCache: OpenDataCache {
        if let cache = storage[OpenDataCacheKey.self] { return cache }
        let cache = OpenDataCache(maxAge: environment == .testing ? 0 : OpenDataCache.defaultMaxAge)
        storage[OpenDataCacheKey.self] = cache
        return cache
    }
}
