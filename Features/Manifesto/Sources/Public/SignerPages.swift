import Fluent
import KrachtCore
import Vapor

/// What a signer sees after signing: the thank-you page with what happens next and their own
/// link to share, and on the manifesto page, once signed in, that they signed (not the form).
extension ManifestoController {
    struct ConfirmedPage: Encodable {
        var token: String
        var already: Bool
        var fundAvailable: Bool
        var chosen: String?
        /// They asked for the newsletter when signing, or here: not offered again.
        var newsletter: Bool
        var share: ShareLinks
    }

    func confirmedPage(_ req: Request, token: String, signatureID: UUID?, already: Bool, chosen: String? = nil) async throws
        -> Response
    {
        let signature = try await Signature.find(signatureID, on: req.db)
        let page = ConfirmedPage(
            token: token, already: already, fundAvailable: req.application.giving != nil, chosen: chosen,
            newsletter: signature?.newsletter ?? false, share: try await shareLinks(signature, req))
        return try await req.render("manifesto/confirmed", titleKey: "manifesto.confirmed.title", page)
    }

    /// The signer's own link once the signature counts; the plain one otherwise.
    func shareLinks(_ signature: Signature?, _ req: Request) async throws -> ShareLinks {
        guard let signature, let id = signature.id, signature.status == Signature.Status.confirmed.rawValue,
            let code = try await ShareCode.of(signatureID: id, app: req.application)
        else { return try ShareCode.plainLinks(on: req) }
        return try ShareCode.links(code: code, on: req)
    }

    /// A signed-in person's living signature, if they have one: shown instead of the form.
    func signedState(_ req: Request, user: User?) async throws -> ManifestoPage.Signed? {
        guard let user, user.emailConfirmedAt != nil else { return nil }
        let canonical = EmailAddress.canonicalMailbox(user.email)
        guard
            let signature = try await Signature.query(on: req.db)
                .group(.or, { $0.filter(\.$emailCanonical == canonical).filter(\.$userID == user.id) })
                .filter(\.$status ~~ [Signature.Status.pending.rawValue, Signature.Status.confirmed.rawValue]).first()
        else { return nil }
        let confirmed = signature.status == Signature.Status.confirmed.rawValue
        return ManifestoPage.Signed(
            date: AmsterdamTime.date(signature.confirmedAt ?? signature.createdAt, in: req.language), pending: !confirmed,
            share: confirmed ? try await shareLinks(signature, req) : nil)
    }
}
