import Vapor

/// A one-time message shown on the next page after a redirect. The cookie holds only a
/// catalogue key, never text, so it cannot carry markup and needs no session.
public enum Flash {
    static let cookieName = "kracht_flash"

    public static func redirect(_ req: Request, to path: some SitePath, messageKey: String) -> Response {
        redirect(req, to: path.path, messageKey: messageKey)
    }

    public static func redirect(_ req: Request, to path: String, messageKey: String) -> Response {
        let response = req.redirect(to: path, redirectType: .normal)
        response.cookies[cookieName] = .init(
            string: messageKey, maxAge: 60, isSecure: req.application.config.isHTTPS,
            isHTTPOnly: true, sameSite: .lax)
        return response
    }

    static func key(in req: Request) -> String? {
        guard let key = req.cookies[cookieName]?.string, key.count < 100,
            key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" })
        else { return nil }
        return key
    }

    static func clear(on response: Response, if shown: Bool) {
        if shown { response.cookies[cookieName] = .expired }
    }
}
