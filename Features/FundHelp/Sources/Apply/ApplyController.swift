import Fluent
import KrachtCore
import Vapor

/// The application form: anyone, no account; a signed-in referrer applies on someone's behalf.
struct ApplyController: RouteCollection {
    /// The multipart posts with documents: streamed uploads that count their own bytes
    /// (`UploadedForm.read`), registered with the site's body limit by the feature.
    static let uploadPaths: Set<String> = [FundHelpPath.apply.path, FundHelpPath.statusDocument.path]

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(FundHelpPath.apply, use: form)
        open.on(.POST, FundHelpPath.apply.components, body: .stream, use: submit)
    }

    func form(req: Request) async throws -> Response {
        let limit = try await CriteriaVersion.current(at: req.now, on: req.db)?.perPersonLimitCents
        return try await render(req, ApplyPage.make(req, form: nil, limitCents: limit, asReferrer: try await Self.referrer(req) != nil))
    }

    func submit(req: Request) async throws -> Response {
        let app = req.application
        let settings = app.fundHelpSettings
        let upload = try await UploadedForm.read(req, limit: settings.maxDocuments * settings.maxDocumentBytes + UploadedForm.formOverhead)
        let referrer = try await Self.referrer(req)
        let limit = try await CriteriaVersion.current(at: req.now, on: req.db)?.perPersonLimitCents
        guard let upload else {
            var page = ApplyPage.make(req, form: nil, limitCents: limit, asReferrer: referrer != nil)
            page.errors = FormErrors(summary: req.t("fundhelp.apply.error.unreadable"), form: ApplyForm.layout.id)
            return try await render(req, page, status: .badRequest)
        }
        let form = ApplyForm(fields: upload.fields)
        let outcome = try await SubmitApplication(app: app)
            .run(form, files: upload.files, referrer: referrer, language: req.language, ip: req.rateLimitKey)
        var page = ApplyPage.make(req, form: form, limitCents: limit, asReferrer: referrer != nil)
        switch outcome {
        case .invalid(let errors):
            page.errors = errors.on(ApplyForm.layout) { req.t($0) }
            return try await render(req, page, status: .badRequest)
        case .rateLimited:
            page.errors = FormErrors(summary: req.t("fundhelp.apply.error.too_many"), form: ApplyForm.layout.id)
            return try await render(req, page, status: .tooManyRequests)
        case .submitted(_, let token), .repeated(_, let token):
            // A referrer lands there too: the link is what they hand to the person they applied for.
            return Flash.redirect(req, to: FundHelpPath.status(.value(token)), messageKey: "fundhelp.apply.submitted")
        }
    }

    /// The signed-in person applying as a referrer, if they hold the role.
    static func referrer(_ req: Request) async throws -> User? {
        guard let user = req.auth.get(User.self), try await user.roles(on: req.db).allow(.referrer) else { return nil }
        return user
    }

    private func render(_ req: Request, _ page: ApplyPage, status: HTTPStatus = .ok) async throws -> Response {
        try await req.render(
            "fundhelp/apply", titleKey: "fundhelp.apply.title", page, status: status, errors: page.errors.isEmpty ? nil : page.errors,
            canonicalPath: FundHelpPath.apply.path)
    }
}
