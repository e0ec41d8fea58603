import Crypto
import Foundation
import KrachtCore
import Vapor

/// A signer's own campaign code, for the link they share: sign-ups through it count for that
/// code like any campaign's. Derived from the mailbox with the server's key, so it is stored
/// nowhere, is the same every time, and says nothing about whose it is.
enum ShareCode {
    static let prefix = "deel-"
    static let cookieName = "kracht_share"

    static func of(mailbox canonical: String, key: SymmetricKey) -> String {
        prefix + SecureToken.hex(Data(HMAC<SHA256>.authenticationCode(for: Data(("share:" + canonical).utf8), using: key)).prefix(5))
    }

    /// The manifesto's address with the code, and the ways to pass it on.
    static func links(code: String?, on req: Request) throws -> ShareLinks {
        try ShareLinks(
            url: ManifestoPath.page(ref: code).url(on: req.application), message: req.t("manifesto.share.message"),
            subject: req.t("manifesto.share.subject"), qrTitle: req.t("manifesto.share.qr_title"))
    }

    /// The check-mail page comes after a redirect: the code travels in a short-lived cookie,
    /// which keeps the page's address the same for everyone (it reveals nothing).
    static func remember(_ code: String, on response: Response, req: Request) {
        response.cookies[cookieName] = .init(
            string: code, maxAge: 3600, isSecure: req.application.config.isHTTPS, isHTTPOnly: true, sameSite: .lax)
    }

    static func remembered(in req: Request) -> String? {
        SignatureForm.campaign(req.cookies[cookieName]?.string).flatMap { $0.hasPrefix(prefix) ? $0 : nil }
    }
}
