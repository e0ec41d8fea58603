import Vapor

/// The few-hundred-byte pages `AdmissionMiddleware` answers with when it turns a request away
/// (503 busy, 408 too slow), rendered once at start in each of the site's languages: a refusal
/// must cost next to nothing, so no layout, no Leaf, no database, no text lookup per request.
struct RefusalPages: Sendable {
    private let pages: [Language: ByteBuffer]

    /// The page for the text keys `<key>.title` and `<key>`, with a link to try again.
    init(_ key: String, catalogue: Catalogue) {
        var pages: [Language: ByteBuffer] = [:]
        for language in Language.site {
            func text(_ key: String) -> String { Self.escape(catalogue.text(key, in: language)) }
            let title = text(key + ".title")
            pages[language] = ByteBuffer(
                string: """
                    <!doctype html><html lang="\(language.rawValue)"><head><meta charset="utf-8">\
                    <meta name="viewport" content="width=device-width"><title>\(title)</title></head>\
                    <body><h1>\(title)</h1><p>\(text(key))</p><p><a href="">\(text("error.unavailable.retry"))</a></p></body></html>

                    """)
        }
        self.pages = pages
    }

    /// The page in the visitor's language (cookie, else browser), as a response with `status`.
    func response(_ status: HTTPResponseStatus, for req: Request) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: .contentSecurityPolicy, value: "default-src 'none'")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        let page = pages[req.language] ?? pages[.nl] ?? ByteBuffer()
        return Response(status: status, headers: headers, body: .init(buffer: page))
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
