import Fluent
import Vapor

/// A signed-in person's own page: their details, a new address, their data, deletion.
struct ProfileController: RouteCollection {
    struct ProfilePage: Encodable {
        var name: String
        var email: String
        var roles: [String]
        var errors = FormErrors()
    }

    func boot(routes: any RoutesBuilder) throws {
        let account = routes.grouped("account").access(.signedIn)
        account.get(use: show)
        account.post("email", use: changeEmail)
        account.get("gegevens", use: export)
        account.post("verwijderen", use: delete)
    }

    func page(_ req: Request, errors: FormErrors = FormErrors()) async throws -> ProfilePage {
        let user = try req.requireUser()
        let roles = try await user.roles(on: req.db).sorted { $0.rawValue < $1.rawValue }.map { req.t($0.textKey) }
        return ProfilePage(name: user.name, email: user.email, roles: roles, errors: errors)
    }

    func show(req: Request) async throws -> Response {
        try await req.render("account/show", titleKey: "account.show.title", page(req))
    }

    func changeEmail(req: Request) async throws -> Response {
        let form = req.decodeForm(AccountController.EmailForm.self)
        switch try await ChangeEmail(app: req.application).run(user: req.requireUser(), newEmail: form?.email, language: req.language) {
        case .confirmationSent: return Flash.redirect(req, to: "/account", messageKey: "account.email_change_sent")
        case .invalid(let errors):
            return try await req.render("account/show", titleKey: "account.show.title", page(req, errors: errors), status: .badRequest)
        }
    }

    func export(req: Request) async throws -> Response {
        let document = try await AccountData(app: req.application).export(of: req.requireUser())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"kracht-mijn-gegevens.json\"")
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
            return try await req.render("account/show", titleKey: "account.show.title", page(req, errors: errors), status: .badRequest)
        }
    }
}
