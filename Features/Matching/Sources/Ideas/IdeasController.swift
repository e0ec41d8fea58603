import Fluent
import KrachtCore
import Vapor

/// The Idealenkompas: read and search ideas (anyone), post and edit one's own, withdraw it,
/// and "ik wil meedoen" (signed in). Messages and turning an idea into an initiative have their
/// own controllers beside this one.
struct IdeasController: RouteCollection {
    /// The form page for a new or an edited idea.
    struct FormPage: Encodable, Sendable {
        var editing: Bool
        var action: String
        var values: [String: String]
        var districts: [IdeaPlaces.Choice]
        var areas: [IdeaPlaces.AreaGroup]
        var domains: [IdeaPlaces.Choice]
        var errors: FormErrors
        var maxTitle = IdeaInput.maxTitle
        var maxBody = IdeaInput.maxBody
        var prefix = "idea"
    }

    func boot(routes: any RoutesBuilder) throws {
        let anyone = routes.access(.anyone)
        anyone.get(MatchingPath.ideas(), use: list)
        anyone.get(MatchingPath.idea(.key), use: show)
        let signedIn = routes.access(.signedIn)
        signedIn.get(MatchingPath.newIdea, use: newForm)
        signedIn.post(MatchingPath.newIdea, use: create)
        signedIn.get(MatchingPath.editIdea(.key), use: editForm)
        signedIn.post(MatchingPath.editIdea(.key), use: edit)
        signedIn.post(MatchingPath.withdrawIdea(.key), use: withdraw)
        signedIn.post(MatchingPath.supportIdea(.key), use: support)
        signedIn.post(MatchingPath.unsupportIdea(.key), use: unsupport)
        try routes.register(collection: IdeaMessageController())
        try routes.register(collection: ConvertIdeaController())
    }

    func list(req: Request) async throws -> Response {
        try await req.render("matching/ideas", titleKey: "matching.ideas.title", try await IdeaListPage.load(req))
    }

    func show(req: Request) async throws -> Response {
        let viewer = try req.auth.get(User.self)?.requireID()
        guard let idea = try await IdeaPage.readable(try Self.ideaID(req), viewer: viewer, on: req.db) else { throw Abort(.notFound) }
        let page = try await IdeaPage.load(idea, req: req)
        return try await req.render("matching/idea", titleKey: "matching.idea.title", titleArguments: ["title": idea.title], page)
    }

    func newForm(req: Request) async throws -> Response {
        try await renderForm(req, editing: nil, values: [:], errors: FormErrors())
    }

    func create(req: Request) async throws -> Response {
        let (form, checked) = check(req)
        switch checked {
        case .invalid(let errors): return try await renderForm(req, editing: nil, values: form, errors: errors, status: .badRequest)
        case .valid(let input):
            let refused: String
            switch try await PostIdea(app: req.application).create(input, by: try req.requireUser()) {
            case .posted(let id): return Flash.redirect(req, to: MatchingPath.idea(.value(id)), messageKey: "matching.idea.posted")
            case .tooManyOpen: refused = req.t("matching.idea.error.too_many_open", ["count": String(PostIdea.maxOpen)])
            case .rateLimited: refused = req.t("matching.idea.error.rate_limited")
            case .invalid, .notFound, .notOpen: throw Abort(.internalServerError)
            }
            let errors = FormErrors(summary: refused).on(IdeaInput.layout, { req.t($0) })
            return try await renderForm(req, editing: nil, values: form, errors: errors, status: .badRequest)
        }
    }

    func editForm(req: Request) async throws -> Response {
        let idea = try await ownOpenIdea(req)
        let domains = try await IdeaDomain.query(on: req.db).filter(\.$ideaID == idea.requireID()).all().map(\.domain)
        let values = ["title": idea.title, "body": idea.body, "district": idea.district ?? "", "area": idea.area ?? ""]
        return try await renderForm(req, editing: idea, values: values, domains: domains, errors: FormErrors())
    }

    func edit(req: Request) async throws -> Response {
        let idea = try await ownOpenIdea(req)
        let id = try idea.requireID()
        let (form, checked) = check(req)
        switch checked {
        case .invalid(let errors): return try await renderForm(req, editing: idea, values: form, errors: errors, status: .badRequest)
        case .valid(let input):
            switch try await PostIdea(app: req.application).edit(id, input, by: try req.requireUser()) {
            case .posted: return Flash.redirect(req, to: MatchingPath.idea(.value(id)), messageKey: "matching.idea.saved")
            case .notOpen: return Flash.redirect(req, to: MatchingPath.idea(.value(id)), messageKey: "matching.idea.not_open")
            case .notFound, .invalid, .tooManyOpen, .rateLimited: throw Abort(.notFound)
            }
        }
    }

    func withdraw(req: Request) async throws -> Response {
        let id = try Self.ideaID(req)
        switch try await PostIdea(app: req.application).withdraw(id, by: try req.requireUser()) {
        case .posted: return Flash.redirect(req, to: MatchingPath.ideas(), messageKey: "matching.idea.withdrawn")
        case .notOpen: return Flash.redirect(req, to: MatchingPath.idea(.value(id)), messageKey: "matching.idea.not_open")
        case .notFound, .invalid, .tooManyOpen, .rateLimited: throw Abort(.notFound)
        }
    }

    func support(req: Request) async throws -> Response { try await support(req, true) }
    func unsupport(req: Request) async throws -> Response { try await support(req, false) }

    private func support(_ req: Request, _ on: Bool) async throws -> Response {
        let id = try Self.ideaID(req)
        let key: String
        switch try await SupportIdea(app: req.application).run(id, by: try req.requireUser(), support: on) {
        case .supporting: key = "matching.idea.supporting"
        case .notSupporting: key = "matching.idea.not_supporting"
        case .ownIdea: key = "matching.idea.own_idea"
        case .notOpen: key = "matching.idea.not_open"
        case .notFound: throw Abort(.notFound)
        }
        return Flash.redirect(req, to: MatchingPath.idea(.value(id)), messageKey: key)
    }

    private func check(_ req: Request) -> ([String: String], IdeaInput.Checked<IdeaInput>) {
        let form = req.decodeForm(IdeaInput.Form.self) ?? IdeaInput.Form()
        let values = ["title": form.title ?? "", "body": form.body ?? "", "district": form.district ?? "", "area": form.area ?? ""]
        var checked = IdeaInput.check(form, reference: req.application.reference, { req.t($0) })
        if case .invalid(let errors) = checked { checked = .invalid(errors.on(IdeaInput.layout, { req.t($0) })) }
        return (values.merging(["domains": (form.domains ?? []).joined(separator: ",")]) { $1 }, checked)
    }

    /// The signed-in author's own idea while it is open; anyone else's is a 404.
    private func ownOpenIdea(_ req: Request) async throws -> Idea {
        let user = try req.requireUser()
        guard let idea = try await Idea.find(try Self.ideaID(req), on: req.db), idea.authorID == user.id, idea.status == .open else {
            throw Abort(.notFound)
        }
        return idea
    }

    private func renderForm(
        _ req: Request, editing idea: Idea?, values: [String: String], domains: [String]? = nil, errors: FormErrors,
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let places = IdeaPlaces(req)
        let selected = domains ?? (values["domains"] ?? "").split(separator: ",").map(String.init)
        let action = (idea?.id.map { MatchingPath.editIdea(.value($0)).path } ?? MatchingPath.newIdea.path) + "#" + FormErrors.summaryAnchor
        let page = FormPage(
            editing: idea != nil, action: action, values: values, districts: places.districts(selected: values["district"]),
            areas: places.areas(selected: values["area"]), domains: places.domains(selected: selected), errors: errors)
        return try await req.render(
            "matching/idea-form", titleKey: idea == nil ? "matching.idea.new_title" : "matching.idea.edit_title", page, status: status,
            errors: errors)
    }

    static func ideaID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return id
    }
}
