import Vapor

/// The home page with its live counters, the privacy statement, contact, and the language switch.
struct HomeController: RouteCollection {
    struct HomePage: Encodable {
        var counters: [Counter]
        var hasCounters: Bool
    }
    struct Counter: Encodable {
        var key: String
        var label: String
        var value: Int64
        var isMoney: Bool
        var target: Int64?
        var percent: Int?
    }

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(CorePath.home, use: home)
        open.get(CorePath.privacy) { try await $0.render("privacy", titleKey: "privacy.title") }
        open.get(CorePath.contact) { try await $0.render("contact", titleKey: "contact.title") }
        open.get(CorePath.language(.key), use: switchLanguage)
    }

    func home(req: Request) async throws -> Response {
        let counters = try await req.application.indicators.headline(app: req.application).map { value in
            Counter(
                key: value.key, label: req.t("indicator.\(value.key)", count: Int(value.value)), value: value.value,
                isMoney: value.unit == "euro cents",
                target: value.target, percent: value.target.map { $0 > 0 ? Int(min(100, value.value * 100 / $0)) : 0 })
        }
        return try await req.render("home", titleKey: "home.title", HomePage(counters: counters, hasCounters: !counters.isEmpty))
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
