import NIOConcurrencyHelpers
import Vapor

/// Anonymous visitors of a `cachedForAnonymous` page share one render per second or so: placed
/// before sessions, so a hit reads no database at all, and inside the security headers, logging,
/// error pages and admission, which every response still passes. See `Request.isShareable` for
/// who shares; key: path, query and language preference. Every shareable response, kept or not,
/// gets its fills made afresh, `Cache-Control: no-cache` (a browser or proxy must not hand the
/// same page, with its used-once bot token, to a second visitor; back and forward still show it)
/// and `Vary: Cookie, Accept-Language`.
struct PageCacheMiddleware: AsyncMiddleware {
    let cache: PageCache

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.isShareable else { return try await next.respond(to: req) }
        if let slot = cache.slot(Self.key(req)) {
            // The response of a render this request made itself but that may not be kept.
            let own = NIOLockedValueBox<Response?>(nil)
            let page = try await slot.value {
                let response = try await next.respond(to: req)
                if let page = try await Self.page(of: response, on: req), page.isStorable { return page }
                own.withLockedValue { $0 = response }
                return nil
            }
            if let page { return Self.shareable(page.response(for: req)) }
            if let response = own.withLockedValue({ $0 }) { return try await Self.filled(response, on: req) }
        }
        return try await Self.filled(try await next.respond(to: req), on: req)
    }

    /// Path and query, and the language the visitor asks for (cookie, else browser), as what
    /// decides a page's language: a page may offer more languages than the site's two.
    static func key(_ req: Request) -> String {
        let (chosen, accepted) = Language.asked(by: req)
        if let chosen { return req.url.string + "\n=" + chosen.rawValue }
        return req.url.string + "\n" + accepted.map(\.rawValue).joined(separator: ",")
    }

    private static func page(of response: Response, on req: Request) async throws -> SharedPage? {
        if response.body.buffer == nil, response.headers.contentType?.subType == "html" {
            let body = try await response.body.collect(on: req.eventLoop).get() ?? ByteBuffer()
            response.body = .init(buffer: body)
        }
        return SharedPage.from(response)
    }

    /// A response not kept: its markers still get their values.
    private static func filled(_ response: Response, on req: Request) async throws -> Response {
        guard let page = try await page(of: response, on: req) else { return shareable(response) }
        return shareable(page.response(for: req))
    }

    private static func shareable(_ response: Response) -> Response {
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        response.headers.replaceOrAdd(name: .vary, value: "Cookie, Accept-Language")
        return response
    }
}
