import Fluent
import Vapor

/// A signed-in person's own page: their details, their name, a new address, a new password, the
/// language of their mail, their data, deletion. A refused form shows the page again with the
/// errors of that form (`AccountForms`), and the title says so.
struct ProfileController: RouteCollection {
    struct ProfilePage: Encodable {
        var name: String
        /// The name form's value: the name, or what was typed when it was refused.
        var newName: String
        var email: String
        var roles: [String]
        var languages: [LanguageOption]
        var errors = FormErrors()
    }
    struct LanguageOption: Encodable {
        var code: String
        var label: String
        var selected: Bool
    }
    struct PasswordChangeForm: Content {
        var current_password: String?
        var password: String?
    }
    struct EmailChangeForm: Content {
        var email: String?
        var password: String?
    }
    struct LanguageForm: Content { var language: String? }
    struct NameForm: Content { var name: String? }

    func boot(routes: any RoutesBuilder) throws {
        let account = routes.access(.signedIn)
        account.get(CorePath.account, use: show)
        account.post(CorePath.changeName, use: changeName)
        account.post(CorePath.changeEmail, use: changeEmail)
        account.post(CorePath.changePassword, use: changePassword)
        account.post(CorePath.changeLanguage, use: changeLanguage)
        account.get(CorePath.accountData, use: export)
        account.post(CorePath.deleteAccount, use: delete)
    }

    func page(_ req: Request, errors: FormErrors = FormErrors(), typedName: String? = nil) async throws -> ProfilePage {
        let user = try req.requireUser()
        let roles = try await user.roles(on: req.db).sorted { $0.rawValue < $1.rawValue }.map { req.t($0.textKey) }
        let languages = Language.site.map {
            LanguageOption(code: $0.rawValue, label: req.t("account.language.\($0.rawValue)"), selected: $0.rawValue == user.language)
        }
        return ProfilePage(
            name: user.name, newName: typedName ?? user.name, email: user.email, roles: roles, languages: languages, errors: errors)
    }

    func show(req: Request) async throws -> Response {
        try await req.render("account/show", titleKey: "account.show.title", page(req))
    }

    /// The page again with `errors` at `form`, and `status`.
    func refused(
        _ req: Request, _ form: FormLayout, _ errors: FormErrors, status: HTTPStatus = .badRequest, typedName: String? = nil
    ) async throws -> Response {
        let errors = errors.on(form) { req.t($0) }
        return try await req.render(
            "account/show", titleKey: "account.show.title", page(req, errors: errors, typedName: typedName), status: status,
            errors: errors)
    }

    func changeName(req: Request) async throws -> Response {
        let form = req.decodeForm(NameForm.self)
        switch try await ChangeName(app: req.application).run(user: req.requireUser(), name: form?.name, language: req.language) {
        case .changed: return Flash.redirect(req, to: CorePath.account, messageKey: "account.name_change.done")
        case .unchanged: return Flash.redirect(req, to: CorePath.account, messageKey: "account.name_change.unchanged")
        case .invalid(let errors): return try await refused(req, AccountForms.changeName, errors, typedName: form?.name ?? "")
        }
    }

    func changeEmail(req: Request) async throws -> Response {
        let form = req.decodeForm(EmailChangeForm.self)
        switch try await ChangeEmail(app: req.application).run(
            user: req.requireUser(), password: form?.password, newEmail: form?.email, language: req.language)
        {
        case .confirmationSent: return Flash.redirect(req, to: CorePath.account, messageKey: "account.email_change_sent")
        case .invalid(let errors): return try await refused(req, AccountForms.changeEmail, errors)
        case .tooManyGuesses:
            var errors = FormErrors()
            errors.add("email_password", req.t("account.password_change.rate_limited"))
            return try await refused(req, AccountForms.changeEmail, errors, status: .tooManyRequests)
        case .rateLimited:
            var errors = FormErrors()
            errors.add("email", req.t("account.email_change.rate_limited"))
            return try await refused(req, AccountForms.changeEmail, errors, status: .tooManyRequests)
        }
    }

    func changePassword(req: Request) async throws -> Response {
        let form = req.decodeForm(PasswordChangeForm.self)
        let outcome = try await ChangePassword(app: req.application).run(
            user: req.requireUser(), current: form?.current_password, new: form?.password, language: req.language,
            keepSession: req.cookies[req.application.sessions.configuration.cookieName]?.string)
        var errors = FormErrors()
        switch outcome {
        case .changed: return Flash.redirect(req, to: CorePath.account, messageKey: "account.password_change.done")
        case .invalid(let invalid): errors = invalid
        case .wrongPassword: errors.add("current_password", req.t("account.password_change.wrong"))
        case .rateLimited: errors.add("current_password", req.t("account.password_change.rate_limited"))
        }
        let status: HTTPStatus = if case .rateLimited = outcome { .tooManyRequests } else { .badRequest }
        return try await refused(req, AccountForms.changePassword, errors, status: status)
    }

    /// The stored language is what mail is written in; the header's switch only sets the cookie.
    func changeLanguage(req: Request) async throws -> Response {
        guard let language = req.decodeForm(LanguageForm.self)?.language.flatMap(Language.init(rawValue:)) else {
            var errors = FormErrors()
            errors.add("language", req.t("account.language.invalid"))
            return try await refused(req, AccountForms.changeLanguage, errors)
        }
        let user = try req.requireUser()
        user.language = language.rawValue
        try await user.save(on: req.db)
        let response = Flash.redirect(req, to: CorePath.account, messageKey: "account.language.saved")
        response.cookies[Language.cookieName] = .init(
            string: language.rawValue, maxAge: 60 * 60 * 24 * 365, isSecure: req.application.config.isHTTPS, isHTTPOnly: true,
            sameSite: .lax)
        return response
    }

    func export(req: Request) async throws -> Response {
        let document = try await AccountData(app: req.application).export(of: req.requireUser())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var headers = HTTPHeaders()
        headers.contentType = .json
        // Named in the visitor's language: the file lands in their downloads folder.
        let name = req.t("account.data.filename")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).json\"")
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(document)))
    }

    func delete(req: Request) async throws -> Response {
        let form = req.decodeForm(AccountController.PasswordForm.self)
        switch try await AccountData(app: req.application).delete(req.requireUser(), password: form?.password) {
        case .deleted:
            req.auth.logout(User.self)
            req.session.destroy()
            return Flash.redirect(req, to: "/", messageKey: "account.deleted")
        case .wrongPassword:
            var errors = FormErrors()
            errors.add("delete_password", req.t("account.delete.wrong_password"))
            return try await refused(req, AccountForms.delete, errors)
        case .rateLimited:
            var errors = FormErrors()
            errors.add("delete_password", req.t("account.password_change.rate_limited"))
            return try await refused(req, AccountForms.delete, errors, status: .tooManyRequests)
        }
    }
}
