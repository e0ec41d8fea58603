import Fluent
import KrachtCore
import Vapor

/// Proposing and editing an initiative, its page, and its organisers. Per-initiative rights
/// (organiser of THAT initiative, or a coordinator) are checked by `InitiativeAccess`.
struct InitiativePagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let anyone = routes.access(.anyone)
        anyone.get(InitiativesPath.initiative(.key), use: show)
        let signedIn = routes.access(.signedIn)
        signedIn.get(InitiativesPath.new, use: newForm)
        signedIn.post(InitiativesPath.new, use: create)
        signedIn.get(InitiativesPath.edit(.key), use: editForm)
        signedIn.post(InitiativesPath.edit(.key), use: save)
        try routes.register(collection: BrowseController())
        try routes.register(collection: OrganisersController())
    }

    func show(req: Request) async throws -> Response {
        let (initiative, manages) = try await InitiativeAccess.visible(req, slug: try InitiativeAccess.slugParameter(req))
        let page = try await InitiativePage.load(initiative, manages: manages, req: req)
        return try await req.render("initiatives/page", titleKey: "initiatives.page.title", titleArguments: ["name": initiative.name], page)
    }

    func newForm(req: Request) async throws -> Response {
        try await InitiativeFormPage.render(req, form: InitiativeForm(), editing: nil)
    }

    func create(req: Request) async throws -> Response {
        guard let fields = req.formFields() else { throw Abort(.badRequest) }
        let form = InitiativeForm(fields: fields)
        switch try await CreateInitiative(app: req.application).run(form, by: try req.requireUser(), language: req.language) {
        case .created(let slug), .alreadyProposed(let slug):
            return Flash.redirect(req, to: InitiativesPath.initiative(.value(slug)), messageKey: "initiatives.form.created")
        case .invalid(let errors):
            return try await InitiativeFormPage.render(req, form: form, editing: nil, errors: errors)
        case .tooManyPending:
            let message = req.t("initiatives.form.error.too_many_pending", ["count": String(ProposeInitiative.maxPending)])
            return try await InitiativeFormPage.render(req, form: form, editing: nil, errors: FormErrors(summary: message))
        case .rateLimited:
            let message = req.t("initiatives.form.error.rate_limited")
            return try await InitiativeFormPage.render(req, form: form, editing: nil, errors: FormErrors(summary: message))
        }
    }

    func editForm(req: Request) async throws -> Response {
        let initiative = try await InitiativeAccess.managed(req, slug: try InitiativeAccess.slugParameter(req))
        let id = try initiative.requireID()
        let domains = try await InitiativeDomain.query(on: req.db).filter(\.$initiativeID == id).all().map(\.domain)
        let agendas = try await InitiativeAgenda.query(on: req.db).filter(\.$initiativeID == id).all().map(\.agenda)
        return try await InitiativeFormPage.render(
            req, form: InitiativeForm(initiative, domains: domains, agendas: agendas), editing: initiative.slug,
            flagLocked: try await flagLocked(req, initiative))
    }

    func save(req: Request) async throws -> Response {
        let initiative = try await InitiativeAccess.managed(req, slug: try InitiativeAccess.slugParameter(req))
        guard let fields = req.formFields() else { throw Abort(.badRequest) }
        var form = InitiativeForm(fields: fields)
        let flagLocked = try await flagLocked(req, initiative)
        // A locked flag is shown, not posted: a re-shown form keeps the stored one.
        if flagLocked { form.underFlag = initiative.underFlag }
        let edit = EditInitiative(app: req.application)
        switch try await edit.run(form, initiativeID: try initiative.requireID(), by: try req.requireUser(), language: req.language) {
        case .saved(let slug):
            return Flash.redirect(req, to: InitiativesPath.initiative(.value(slug)), messageKey: "initiatives.form.saved")
        case .invalid(let errors):
            return try await InitiativeFormPage.render(req, form: form, editing: initiative.slug, errors: errors, flagLocked: flagLocked)
        case .notFound: throw Abort(.notFound)
        }
    }

    private func flagLocked(_ req: Request, _ initiative: Initiative) async throws -> Bool {
        EditInitiative.flagLocked(initiative, coordinator: try await req.requireUser().roles(on: req.db).allow(.coordinator))
    }
}
