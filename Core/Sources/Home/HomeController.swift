import Vapor

/// The home page with its live counters, the privacy statement, contact, and the language switch.
struct HomeController: RouteCollection {
    struct HomePage: Encodable { var counters: [Counter] }
    struct Counter: Encodable { var key: String; var label: String; var value: Int64; var isMoney: Bool; var target: Int64?; var percent: Int? }

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(use: home)
        open.get("privacy") { try await $0.render("privacy", titleKey: "privacy.title") }
        open.get("contact") { try await $0.render("contact", titleKey: "contact.title") }
        open.get("taal", ":code", use: switchLanguage)
    }

    func home(req: Request) async throws -> Response {
        let values = try await req.application.indicators.values(app: req.application)
        let counters = Headline.keys.compactMap { headline in
            values.first { $0.key == headline.key }.map { value in
                Counter(key: value.key, label: req.t("indicator.\(value.key)"), value: value.value, isMoney: value.unit == "euro cents", target: value.target,
                        percent: value.target.map { $0 > 0 ? Int(min(100, value.value * 100 / $0)) : 0 })
            }
        }
        return try await req.render("home", titleKey: "home.title", HomePage(counters: counters))
    }

    func switchLanguage(req: Request) async throws -> Response {
        guard let language = req.parameters.get("code").flatMap(Language.init(rawValue:)) else { throw Abort(.notFound) }
        let response = req.redirect(to: safeReturnPath(req.query[String.self, at: "terug"]))
        response.cookies[Language.cookieName] = .init(
            string: language.rawValue, maxAge: 60 * 60 * 24 * 365, isSecure: req.application.config.isHTTPS,
            isHTTPOnly: true, sameSite: .lax)
        if let user = req.auth.get(User.self), user.language != language.rawValue {
            user.language = language.rawValue
            try await user.save(on: req.db)
        }
        return response
    }
}
