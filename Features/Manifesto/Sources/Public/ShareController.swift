import KrachtCore
import Vapor

/// For partners: a counter to embed on their own site (HTML snippet or JSON with CORS),
/// and a poster whose QR code leads to the form with their campaign code.
struct ShareController: RouteCollection {
    struct CountJSON: Content {
        var signatures: Int64
        var online: Int64
        var paper: Int64
        var target: Int64
        var url: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(ManifestoPath.api, use: json)
        open.get(ManifestoPath.counter, use: embed)
        open.get(ManifestoPath.poster(), use: poster)
    }

    func json(req: Request) async throws -> Response {
        let count = try await req.application.manifestoCount.snapshot(app: req.application)
        let body = CountJSON(
            signatures: count.total, online: count.online, paper: count.paper, target: count.target,
            url: ManifestoPath.page().url(on: req.application))
        let response = try await body.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        // The same for every visitor (no language, no cookie): a shared cache may keep one copy.
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=5")
        return response
    }

    struct EmbedPage: Encodable {
        var count: CountSnapshot
        var targetLabel: String
        var link: String
        var lang: String
    }

    /// A tiny page partners put in an iframe; the only page that may be framed.
    func embed(req: Request) async throws -> Response {
        let count = try await req.application.manifestoCount.snapshot(app: req.application)
        let ref = SignatureForm.campaign(req.queryValue("ref"))
        let link = ManifestoPath.page(ref: ref).url(on: req.application)
        let view = try await req.view.render(
            "manifesto/embed", EmbedPage(count: count, targetLabel: req.targetLabel(), link: link, lang: req.language.rawValue)
        ).get()
        let response = try await view.encodeResponse(for: req)
        response.headers.replaceOrAdd(
            name: "Content-Security-Policy",
            value: "default-src 'none'; style-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'none'")
        // In the visitor's language, from their cookie or browser: a shared cache must keep one
        // copy per language, not hand the first visitor's to everyone.
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=10")
        response.headers.replaceOrAdd(name: .vary, value: "Accept-Language, Cookie")
        return response
    }

    struct PosterPage: Encodable {
        var link: String
        var qr: String
        var lang: String
    }

    func poster(req: Request) async throws -> Response {
        let ref = SignatureForm.campaign(req.queryValue("ref"))
        let link = ManifestoPath.page(ref: ref).url(on: req.application)
        let qr = try QRCode(text: link).svg(moduleSize: 10, title: req.t("manifesto.poster.qr_title"))
        return try await req.render(
            "manifesto/poster", titleKey: "manifesto.poster.title", PosterPage(link: link, qr: qr, lang: req.language.rawValue))
    }
}
