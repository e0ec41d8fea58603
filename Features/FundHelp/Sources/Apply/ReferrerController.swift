import Fluent
import KrachtCore
import Vapor

/// A referrer's own cases: the list, one case (logged as a read), and their answer to the
/// committee. Another referrer's case is "not found", never "forbidden": nothing confirms it exists.
struct ReferrerController: RouteCollection {
    struct Row: Encodable {
        var number, name, category, status, date, href: String
    }
    struct ListPage: Encodable {
        var rows: [Row]
        var applyPath = FundHelpPath.apply.path
    }
    struct CasePage: Encodable {
        var story: CaseStory
        var name: String
        var details: ApplicantDetails?
        var statusLink: String?
        var messageAction: String
        var message = ""
        var errors = FormErrors()
    }

    static let messageLayout = FormLayout(
        id: "referrer-message-form", [.field("body", id: "referrer-message", label: "fundhelp.referrer.answer")])
    /// The list shows the newest 200 cases; older ones stay reachable by the links in their news mails.
    static let listLimit = 200

    func boot(routes: any RoutesBuilder) throws {
        let referrer = routes.access(.role(.referrer))
        referrer.get(FundHelpPath.referrerCases, use: list)
        referrer.get(FundHelpPath.referrerCase(.key), use: show)
        referrer.post(FundHelpPath.referrerMessage(.key), use: answer)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let sealer = req.application.fundSealer
        let cases = try await SupportApplication.query(on: req.db).filter(\.$referrerID == user.requireID())
            .sort(\.$createdAt, .descending).limit(Self.listLimit).all()
        let rows = try cases.map { application in
            Row(
                number: application.number,
                name: application.nameSealed.flatMap { try? sealer.open($0, context: ApplicantVault.Context.name) } ?? "—",
                category: req.t("fundhelp.category.\(application.categoryValue.rawValue)"),
                status: req.t("fundhelp.case_status.\(application.statusValue.rawValue)"),
                date: AmsterdamTime.date(application.createdAt, in: req.language),
                href: FundHelpPath.referrerCase(.value(try application.requireID())).path)
        }
        return try await req.render("fundhelp/referrer-cases", titleKey: "fundhelp.referrer.title", ListPage(rows: rows))
    }

    func show(req: Request) async throws -> Response {
        let (user, application) = try await own(req)
        try await CaseReads.record(application, by: user, role: .referrer, what: "referrer_case", on: req.db)
        return try await render(req, try await page(req, application))
    }

    func answer(req: Request) async throws -> Response {
        let (user, application) = try await own(req)
        let body = req.formFields()?["body"]
        let id = try application.requireID()
        switch try await PostAnswer(app: req.application).run(
            applicationID: id, body: body, author: .referrer, user: user, language: req.language)
        {
        case .posted: return Flash.redirect(req, to: FundHelpPath.referrerCase(.value(id)), messageKey: "fundhelp.referrer.answer_sent")
        case .gone: throw Abort(.notFound)
        case .closed: return Flash.redirect(req, to: FundHelpPath.referrerCase(.value(id)), messageKey: "fundhelp.status.closed_refused")
        case .invalid(let message):
            try await CaseReads.record(application, by: user, role: .referrer, what: "referrer_case", on: req.db)
            var page = try await page(req, application)
            var errors = FormErrors()
            errors.add("body", message)
            page.errors = errors.on(Self.messageLayout) { req.t($0) }
            page.message = body ?? ""
            return try await render(req, page, status: .badRequest)
        }
    }

    /// The signed-in referrer and their own case; anything else is not found.
    private func own(_ req: Request) async throws -> (User, SupportApplication) {
        let user = try req.requireUser()
        guard let id = req.parameters.get("id", as: UUID.self), let application = try await SupportApplication.find(id, on: req.db),
            application.referrerID == user.id
        else { throw Abort(.notFound) }
        return (user, application)
    }

    private func page(_ req: Request, _ application: SupportApplication) async throws -> CasePage {
        let sealer = req.application.fundSealer
        let details = CaseDetails.open(application, sealer: sealer)
        let token = application.statusTokenSealed.flatMap { try? sealer.open($0, context: ApplicantVault.Context.statusToken) }
        return CasePage(
            story: try await CaseStory.make(application, for: .referrer, req: req),
            name: application.nameSealed.flatMap { try? sealer.open($0, context: ApplicantVault.Context.name) } ?? "—",
            details: details, statusLink: token.map { FundHelpPath.status(.value($0)).url(on: req.application) },
            messageAction: FundHelpPath.referrerMessage(.value(try application.requireID())).path + "#" + FormErrors.summaryAnchor)
    }

    private func render(_ req: Request, _ page: CasePage, status: HTTPStatus = .ok) async throws -> Response {
        let response = try await req.render(
            "fundhelp/referrer-case", titleKey: "fundhelp.referrer.case_title", titleArguments: ["number": page.story.number], page,
            status: status, errors: page.errors.isEmpty ? nil : page.errors)
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        return response
    }
}
