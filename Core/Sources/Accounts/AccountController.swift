import Fluent
import Vapor

/// What another feature knows of someone it sends to the registration form (a signer who
/// offers time): kept in the session, not in the address, where access logs, the browser's
/// history and the language switch would repeat a name and an email; read once.
public enum RegisterPrefill {
    static let nameKey = "register_name"
    static let emailKey = "register_email"

    public static func remember(name: String, email: String?, in req: Request) {
        req.session.data[nameKey] = name.isEmpty ? nil : name
        req.session.data[emailKey] = email
    }

    static func take(from req: Request) -> [String: String] {
        guard req.hasSession else { return ["name": "", "email": ""] }
        let values = ["name": req.session.data[nameKey] ?? "", "email": req.session.data[emailKey] ?? ""]
        req.session.data[nameKey] = nil
        req.session.data[emailKey] = nil
        return values
    }
}

/// Registration, confirmation, logging in and out, forgotten passwords.
struct AccountController: RouteCollection {
    struct RegisterForm: Content {
        var name: String?
        var email: String?
        var password: String?
    }
    struct LoginForm: Content {
        var email: String?
        var password: String?
        var terug: String?
    }
    struct EmailForm: Content { var email: String? }
    struct PasswordForm: Content { var password: String? }

    struct FormPage: Encodable {
        var errors = FormErrors()
        var values: [String: String] = [:]
        var token: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let account = routes.access(.anyone)
        account.get(CorePath.register) { req in
            // Prefilled by another feature (the manifesto's "I offer time and skills"); never a password.
            try await req.render("account/register", titleKey: "account.register.title", FormPage(values: RegisterPrefill.take(from: req)))
        }
        account.post(CorePath.register, use: register)
        account.get(CorePath.checkMail) { try await $0.render("account/check-mail", titleKey: "account.check_mail.title") }
        account.get(CorePath.confirmEmail(.key)) { try await confirm($0, purpose: .confirmEmail) }
        account.get(CorePath.confirmEmailChange(.key)) { try await confirm($0, purpose: .changeEmail) }
        account.get(CorePath.undoEmailChange(.key), use: undoPage)
        account.post(CorePath.undoEmailChange(.key), use: undo)
        account.get(CorePath.logIn(), use: loginPage)
        account.post(CorePath.logIn(), use: login)
        account.post(CorePath.logOut, use: logout)
        account.get(CorePath.forgotPassword) { try await $0.render("account/forgot", titleKey: "account.forgot.title", FormPage()) }
        account.post(CorePath.forgotPassword, use: forgot)
        account.get(CorePath.resetPassword(.key), use: resetPage)
        account.post(CorePath.resetPassword(.key), use: reset)
    }

    func register(req: Request) async throws -> Response {
        guard let form = req.decodeForm(RegisterForm.self) else { throw Abort(.badRequest) }
        switch try await RegisterAccount(app: req.application).run(
            name: form.name, email: form.email, password: form.password, language: req.language, ip: req.rateLimitKey)
        {
        case .registered:
            return req.redirect(to: CorePath.checkMail)
        case .invalid(let errors):
            let values = ["name": form.name ?? "", "email": form.email ?? ""]
            let errors = errors.on(AccountForms.register) { req.t($0) }
            return try await req.render(
                "account/register", titleKey: "account.register.title",
                FormPage(errors: errors, values: values), status: .badRequest, errors: errors)
        case .rateLimited:
            throw Abort(.tooManyRequests, headers: ["Retry-After": "3600"])
        }
    }

    func confirm(_ req: Request, purpose: AccountToken.Purpose) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let link: Link = purpose == .confirmEmail ? .confirm : .change
        switch try await ConfirmEmail(app: req.application).run(token: token, purpose: purpose) {
        case .confirmed:
            let signedIn = req.auth.has(User.self)
            return Flash.redirect(req, to: signedIn ? CorePath.account : CorePath.logIn(), messageKey: "account.confirmed")
        case .expired: return try await tokenProblem(req, link, "account.token.expired", .gone)
        case .used: return try await tokenProblem(req, link, "account.token.used", .gone)
        case .unknown: return try await tokenProblem(req, link, "account.token.unknown", .badRequest)
        case .addressTaken: return try await tokenProblem(req, link, "account.email_taken", .conflict)
        }
    }

    /// Which mailed link failed: each names itself in the page title, so a person (and a screen
    /// reader's list of tabs) can tell them apart.
    enum Link: String { case confirm, change, undo, reset }

    func tokenProblem(_ req: Request, _ link: Link, _ key: String, _ status: HTTPStatus) async throws -> Response {
        try await req.render("account/token-problem", titleKey: "account.token.title.\(link.rawValue)", ["messageKey": key], status: status)
    }

    func loginPage(req: Request) async throws -> Response {
        let back = safeReturnPath(req.queryValue("terug"))
        return try await req.render("account/login", titleKey: "account.login.title", FormPage(values: ["terug": back]))
    }

    func login(req: Request) async throws -> Response {
        guard let form = req.decodeForm(LoginForm.self) else { throw Abort(.badRequest) }
        let back = safeReturnPath(form.terug)
        var page = FormPage(values: ["email": form.email ?? "", "terug": back])
        let device = req.cookies[DeviceCookie.name]?.string
        switch try await LogIn(app: req.application).run(email: form.email, password: form.password, ip: req.rateLimitKey, device: device) {
        case .loggedIn(let user):
            try await rotateSession(req)
            req.rotateCSRFToken()
            req.auth.login(user)
            req.session.authenticate(user)
            // The language of mail is not touched: it changes only on the account page.
            let response = back == "/" ? req.redirect(to: CorePath.account) : req.redirect(to: back)
            response.cookies[DeviceCookie.name] = DeviceCookie.cookie(for: try user.requireID(), on: req.application)
            return response
        case .wrongCredentials:
            // Which of the two is wrong is not told; the summary leads back to the address.
            page.errors.add("email", req.t("account.login.wrong"))
            page.errors = page.errors.on(AccountForms.logIn) { req.t($0) }
            return try await req.render("account/login", titleKey: "account.login.title", page, status: .unauthorized, errors: page.errors)
        case .unconfirmed:
            page.errors = FormErrors(summary: req.t("account.login.unconfirmed"), form: AccountForms.logIn.id)
            return try await req.render("account/login", titleKey: "account.login.title", page, status: .forbidden, errors: page.errors)
        case .rateLimited(let seconds):
            page.errors = FormErrors(
                summary: req.t(seconds > 60 ? "account.login.rate_limited" : "account.login.slowed"), form: AccountForms.logIn.id)
            let response = try await req.render(
                "account/login", titleKey: "account.login.title", page, status: .tooManyRequests, errors: page.errors)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return response
        }
    }

    func logout(req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        req.rotateCSRFToken()
        return Flash.redirect(req, to: "/", messageKey: "account.logged_out")
    }

    /// The link in the notice to the old address opens a page with a button: a mail scanner
    /// that follows links must not undo a wanted change.
    func undoPage(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        switch try await AccountToken.lookup(token, purpose: .undoEmailChange, now: req.now, on: req.db) {
        case .valid: return try await req.render("account/undo-email", titleKey: "account.undo_email.title", FormPage(token: token))
        case .expired: return try await tokenProblem(req, .undo, "account.token.expired", .gone)
        case .used: return try await tokenProblem(req, .undo, "account.token.used", .gone)
        case .unknown: return try await tokenProblem(req, .undo, "account.token.unknown", .badRequest)
        }
    }

    func undo(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        switch try await UndoEmailChange(app: req.application).run(token: token) {
        case .restored:
            req.auth.logout(User.self)
            req.session.destroy()
            return Flash.redirect(req, to: CorePath.logIn(), messageKey: "account.undo_email.done")
        case .expired: return try await tokenProblem(req, .undo, "account.token.expired", .gone)
        case .used: return try await tokenProblem(req, .undo, "account.token.used", .gone)
        case .unknown: return try await tokenProblem(req, .undo, "account.token.unknown", .badRequest)
        case .addressTaken: return try await tokenProblem(req, .undo, "account.email_taken", .conflict)
        }
    }

    func forgot(req: Request) async throws -> Response {
        let form = req.decodeForm(EmailForm.self)
        // A typing mistake is shown; whether the address has an account is still never told.
        var errors = FormErrors()
        _ = AccountRules.checkEmail(form?.email, &errors) { req.t($0) }
        guard errors.isEmpty else {
            let errors = errors.on(AccountForms.forgot) { req.t($0) }
            return try await req.render(
                "account/forgot", titleKey: "account.forgot.title", FormPage(errors: errors, values: ["email": form?.email ?? ""]),
                status: .badRequest, errors: errors)
        }
        guard try await ResetPassword(app: req.application).request(email: form?.email, ip: req.rateLimitKey) else {
            throw Abort(.tooManyRequests, headers: ["Retry-After": "3600"])
        }
        return Flash.redirect(req, to: CorePath.logIn(), messageKey: "account.forgot.sent")
    }

    /// A used or expired link says so on opening, not only after a new password was typed.
    func resetPage(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        switch try await AccountToken.lookup(token, purpose: .resetPassword, now: req.now, on: req.db) {
        case .valid: return try await req.render("account/reset", titleKey: "account.reset.title", FormPage(token: token))
        case .expired: return try await tokenProblem(req, .reset, "account.token.expired", .gone)
        case .used: return try await tokenProblem(req, .reset, "account.token.used", .gone)
        case .unknown: return try await tokenProblem(req, .reset, "account.token.unknown", .badRequest)
        }
    }

    func reset(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let form = req.decodeForm(PasswordForm.self)
        switch try await ResetPassword(app: req.application).complete(token: token, password: form?.password, language: req.language) {
        case .reset: return Flash.redirect(req, to: CorePath.logIn(), messageKey: "account.reset.done")
        case .invalid(let errors):
            let errors = errors.on(AccountForms.reset) { req.t($0) }
            return try await req.render(
                "account/reset", titleKey: "account.reset.title", FormPage(errors: errors, token: token), status: .badRequest,
                errors: errors)
        case .expired: return try await tokenProblem(req, .reset, "account.token.expired", .gone)
        case .used: return try await tokenProblem(req, .reset, "account.token.used", .gone)
        case .unknown: return try await tokenProblem(req, .reset, "account.token.unknown", .badRequest)
        }
    }

    /// A new session id at login, so a session id planted before login is worthless.
    private func rotateSession(_ req: Request) async throws {
        if let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req).get()
            req.session.id = nil
        }
    }
}

/// Only a path on this site, never `//elsewhere` or a full URL (no open redirects).
func safeReturnPath(_ raw: String?) -> String {
    guard let path = raw, path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\"), path.count < 500,
        !path.contains(where: { $0.isWhitespace || $0 == "\\" })
    else { return "/" }
    return path
}
