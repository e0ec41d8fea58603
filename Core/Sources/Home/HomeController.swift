import Vapor

/// The home page with its calls to action and live counters, the pages about the movement
/// (about, contact, privacy), and the language switch.
struct HomeController: RouteCollection {
    /// The contact page: how to reach the movement, and where someone in acute need goes.
    struct ContactPage: Encodable {
        var email: String
        var phone: String?
        /// `tel:` wants the digits only.
        var phoneLink: String?
        var address: String?
        var helpPath: String?
        /// A mail with the subject filled in, so it stands out in the inbox.
        var helpMailLink: String
    }

    struct PrivacyPage: Encodable {
        var email: String
        var fund: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        // Nothing on these pages is particular to an anonymous visitor: they share one render.
        open.get(CorePath.home, use: home).cachedForAnonymous()
        open.get(CorePath.about) { req in
            try await req.render("about", titleKey: "about.title", ["email": req.application.config.contact.email])
        }.cachedForAnonymous()
        open.get(CorePath.privacy) { req in
            // The fund's part only where the fund is; the contact address is where donors ask for their data.
            let page = PrivacyPage(email: req.application.config.contact.email, fund: req.application.giving != nil)
            return try await req.render("privacy", titleKey: "privacy.title", page)
        }.cachedForAnonymous()
        open.get(CorePath.contact, use: contact).cachedForAnonymous()
        open.get(CorePath.language(.key), use: switchLanguage)
    }

    func home(req: Request) async throws -> Response {
        try await req.render("home", titleKey: "home.title", HomePage.build(for: req))
    }

    func contact(req: Request) async throws -> Response {
        let settings = req.application.config.contact
        let page = ContactPage(
            email: settings.email, phone: settings.phone,
            phoneLink: settings.phone.map { phone in phone.filter { $0.isNumber || $0 == "+" } },
            address: settings.address, helpPath: req.application.help?.helpPath,
            helpMailLink: "mailto:\(settings.email)?subject="
                + (req.t("contact.help_mail_subject").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        return try await req.render("contact", titleKey: "contact.title", page)
    }

    func switchLanguage(req: Request) async throws -> Response {
        guard let language = req.parameters.get("code").flatMap(Language.init(rawValue:)) else { throw Abort(.notFound) }
        let response = req.redirect(to: safeReturnPath(req.queryValue("terug")))
        response.cookies[Language.cookieName] = .init(
            string: language.rawValue, maxAge: 60 * 60 * 24 * 365, isSecure: req.application.config.isHTTPS,
            isHTTPOnly: true, sameSite: .lax)
        // Only the cookie: a GET must change nothing stored (a link or an image elsewhere could
        // trigger it). The stored language, for mail, follows at login and on the account page.
        return response
    }
}
