import Fluent
import KrachtCore
import Vapor

/// The list's pages: the form, "check your mail", the confirmation link, the preferences and
/// the unsubscribe page; a mail program's one-click post (RFC 8058) at a fixed path with the
/// token in the query, exempt from the form token as it carries no cookie.
struct NewsletterController: RouteCollection {
    init(app: Application) {
        app.csrfExempt.insert(NewsletterPath.unsubscribeOneClick(token: "").stem)
    }

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(NewsletterPath.subscribe(), use: form)
        open.post(NewsletterPath.subscribe(), use: subscribe)
        open.get(NewsletterPath.checkMail, use: checkMail)
        open.get(NewsletterPath.confirm(.key), use: confirm)
        open.get(NewsletterPath.preferences(.key), use: preferences)
        open.post(NewsletterPath.preferences(.key), use: savePreferences)
        open.get(NewsletterPath.unsubscribe(.key), use: ask)
        open.post(NewsletterPath.unsubscribe(.key), use: unsubscribe)
        open.get(NewsletterPath.unsubscribeOneClick(token: ""), use: askFromHeader)
        open.post(NewsletterPath.unsubscribeOneClick(token: ""), use: oneClick)
        open.get(NewsletterPath.apiStats, use: api)
    }

    struct FormPage: Encodable {
        var action: String
        var token: String
        var ref: String
        var email: String
        var name: String
        var districts: [CheckChoice]
        var domains: [CheckChoice]
        var errors: FormErrors
        /// Above the form: why it is shown again (an expired link).
        var notice: String?
    }

    static func formPage(_ req: Request, _ form: NewsletterForm, errors: FormErrors = FormErrors(), notice: String? = nil) -> FormPage {
        let interests = InterestChoices(req, districts: form.districts, domains: form.domains)
        return FormPage(
            action: NewsletterPath.subscribe().path + "#" + FormErrors.summaryAnchor,
            token: NewsletterFormToken.make(at: req.now, key: req.application.config.secretKey),
            ref: NewsletterForm.ref(form.ref) ?? "", email: String((form.email ?? "").prefix(254)),
            name: String((form.name ?? "").prefix(200)),
            districts: interests.districts, domains: interests.domains, errors: errors, notice: notice)
    }

    func form(req: Request) async throws -> Response {
        let ref = try? req.query.get(String.self, at: "ref")
        return try await req.render(
            "communication/newsletter-form", titleKey: "newsletter.title", Self.formPage(req, NewsletterForm(email: nil, ref: ref)))
    }

    func subscribe(req: Request) async throws -> Response {
        let form = NewsletterForm(fields: req.formFields() ?? FormFields())
        let outcome = try await Subscribe(app: req.application).run(form, language: req.language, rateKey: req.rateLimitKey, t: req.t)
        switch outcome {
        case .pending, .mailedAgain, .throttled, .alreadySubscribed, .reconfirm, .discarded:
            return req.redirect(to: NewsletterPath.checkMail)
        case .invalid(let errors):
            return try await req.render(
                "communication/newsletter-form", titleKey: "newsletter.title",
                Self.formPage(req, form, errors: errors.on(NewsletterForm.layout, req.t)),
                status: .unprocessableEntity, errors: errors)
        case .tooFast:
            let errors = FormErrors(summary: req.t("newsletter.error.too_fast"), form: NewsletterForm.layout.id)
            return try await req.render(
                "communication/newsletter-form", titleKey: "newsletter.title", Self.formPage(req, form, errors: errors),
                status: .unprocessableEntity, errors: errors)
        case .rateLimited:
            let errors = FormErrors(summary: req.t("newsletter.error.rate_limited"), form: NewsletterForm.layout.id)
            return try await req.render(
                "communication/newsletter-form", titleKey: "newsletter.title", Self.formPage(req, form, errors: errors),
                status: .tooManyRequests, errors: errors)
        }
    }

    struct MessagePage: Encodable {
        var heading: String
        var message: String
        var subscribe: String
        var preferences: String?
    }

    func message(_ req: Request, titleKey: String, messageKey: String, status: HTTPStatus = .ok, preferences: String? = nil)
        async throws -> Response
    {
        try await req.render(
            "communication/newsletter-message", titleKey: titleKey,
            MessagePage(
                heading: req.t(titleKey), message: req.t(messageKey), subscribe: NewsletterPath.subscribe().path, preferences: preferences),
            status: status)
    }

    func checkMail(req: Request) async throws -> Response {
        try await message(req, titleKey: "newsletter.check_mail.title", messageKey: "newsletter.check_mail.text")
    }

    func confirm(req: Request) async throws -> Response {
        let outcome = try await ConfirmSubscription(app: req.application).run(secret: req.parameters.get("token") ?? "")
        switch outcome {
        case .confirmed: return try await message(req, titleKey: "newsletter.confirmed.title", messageKey: "newsletter.confirmed.text")
        case .alreadyConfirmed:
            return try await message(req, titleKey: "newsletter.confirmed.title", messageKey: "newsletter.confirmed.already")
        case .expired, .unknownLink:
            let notice = req.t(outcome == .expired ? "newsletter.confirm.expired" : "newsletter.confirm.unknown")
            return try await req.render(
                "communication/newsletter-form", titleKey: "newsletter.title",
                Self.formPage(req, NewsletterForm(email: nil), notice: notice),
                status: outcome == .expired ? .gone : .notFound)
        }
    }

    struct PreferencesPage: Encodable {
        var action: String
        var unsubscribe: String
        var csrf: String
        var districts: [CheckChoice]
        var domains: [CheckChoice]
        var languages: [CheckChoice]
        var saved: Bool
        var error: String?
        /// Always empty: the interests partial the form shares reads `page.errors`.
        var errors = FormErrors()
    }

    func preferences(req: Request) async throws -> Response { try await preferencesPage(req, saved: false, error: nil) }

    func savePreferences(req: Request) async throws -> Response {
        let fields = req.formFields() ?? FormFields()
        let token = req.parameters.get("token") ?? ""
        let outcome = try await UpdatePreferences(app: req.application).run(
            token: token, districts: fields.values("district"), domains: fields.values("domain"), language: fields["language"])
        switch outcome {
        case .saved: return try await preferencesPage(req, saved: true, error: nil)
        case .invalid:
            return try await preferencesPage(req, saved: false, error: req.t("newsletter.error.interests"), status: .unprocessableEntity)
        case .unknownLink, .notSubscribed: return try await preferencesPage(req, saved: false, error: nil)
        }
    }

    private func preferencesPage(_ req: Request, saved: Bool, error: String?, status: HTTPStatus = .ok) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let id = SignedID.id(from: token, purpose: NewsletterLinks.tokenPurpose, key: req.application.config.secretKey),
            let row = try await NewsletterSubscriber.find(id, on: req.db)
        else {
            return try await message(
                req, titleKey: "newsletter.preferences.title", messageKey: "newsletter.link.unknown", status: .notFound)
        }
        guard row.status == .confirmed else {
            return try await message(req, titleKey: "newsletter.preferences.title", messageKey: "newsletter.preferences.not_subscribed")
        }
        let interests = InterestChoices(req, districts: row.districts, domains: row.domains)
        let languages = Language.site.map {
            CheckChoice(value: $0.rawValue, label: req.t("newsletter.language.\($0.rawValue)"), checked: row.language == $0.rawValue)
        }
        let page = PreferencesPage(
            action: NewsletterPath.preferences(.value(token)).path, unsubscribe: NewsletterPath.unsubscribe(.value(token)).path,
            csrf: req.csrfToken,
            districts: interests.districts, domains: interests.domains, languages: languages, saved: saved, error: error)
        return try await req.render("communication/newsletter-preferences", titleKey: "newsletter.preferences.title", page, status: status)
    }

    struct UnsubscribePage: Encodable {
        var action: String
        var csrf: String
    }

    func ask(req: Request) async throws -> Response { try await askPage(token: req.parameters.get("token") ?? "", req) }

    /// A mail program that opens the header's link instead of posting to it gets the question.
    func askFromHeader(req: Request) async throws -> Response {
        try await askPage(token: (try? req.query.get(String.self, at: "t")) ?? "", req)
    }

    private func askPage(token: String, _ req: Request) async throws -> Response {
        guard let id = SignedID.id(from: token, purpose: NewsletterLinks.tokenPurpose, key: req.application.config.secretKey),
            let row = try await NewsletterSubscriber.find(id, on: req.db)
        else {
            return try await message(
                req, titleKey: "newsletter.unsubscribe.title", messageKey: "newsletter.link.unknown", status: .notFound)
        }
        guard row.status != .unsubscribed else {
            return try await message(req, titleKey: "newsletter.unsubscribe.title", messageKey: "newsletter.unsubscribe.already")
        }
        return try await req.render(
            "communication/newsletter-unsubscribe", titleKey: "newsletter.unsubscribe.title",
            UnsubscribePage(action: NewsletterPath.unsubscribe(.value(token)).path, csrf: req.csrfToken))
    }

    func unsubscribe(req: Request) async throws -> Response { try await done(token: req.parameters.get("token") ?? "", req) }

    func oneClick(req: Request) async throws -> Response { try await done(token: (try? req.query.get(String.self, at: "t")) ?? "", req) }

    private func done(token: String, _ req: Request) async throws -> Response {
        switch try await Unsubscribe(app: req.application).run(token: token) {
        case .unsubscribed: try await message(req, titleKey: "newsletter.unsubscribe.title", messageKey: "newsletter.unsubscribe.done")
        case .alreadyUnsubscribed:
            try await message(req, titleKey: "newsletter.unsubscribe.title", messageKey: "newsletter.unsubscribe.already")
        case .unknownLink:
            try await message(req, titleKey: "newsletter.unsubscribe.title", messageKey: "newsletter.link.unknown", status: .notFound)
        }
    }

    func api(req: Request) async throws -> NewsletterStats { try await NewsletterStats.load(req.application) }
}
