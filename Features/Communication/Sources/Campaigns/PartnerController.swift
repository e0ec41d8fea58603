import Fluent
import KrachtCore
import Vapor

/// The partners: the public page of active partners (`/partners`), their logos served from
/// Kracht itself, and the coordinators' register (`/partners/beheer`).
struct PartnerController: RouteCollection {
    struct Row: Encodable {
        var id, name, kind, since, what, editLink: String
        var ended: String?
        var website: String?
        var logo: String?
        var active: Bool
    }
    struct ListPage: Encodable {
        var rows: [Row]
        var hasRows: Bool
    }
    struct ManagePage: Encodable {
        var rows: [Row]
        var hasRows: Bool
        var form: RegisterForm
    }
    struct EditPage: Encodable {
        var name: String
        var logo: String?
        var logoAction, deleteAction: String
        var logoError: String?
        var maxLogo: String
        var form: RegisterForm
    }
    struct LogoInput: Content { var logo: File? }

    /// `KRACHT_IMAGE_MAX_BYTES`.
    let uploadLimit: Int

    static let layout = FormLayout(
        id: "partner-form",
        [
            .field("name", id: "partner-name", label: "partners.field.name"),
            .field("kind", id: "partner-kind", label: "partners.field.kind"),
            .field("since", id: "partner-since", label: "partners.field.since"),
            .field("ended_on", id: "partner-ended", label: "partners.field.ended_on"),
            .field("what", id: "partner-what", label: "partners.field.what"),
            .field("website", id: "partner-website", label: "partners.field.website"),
        ])
    static let logoLayout = FormLayout(id: "logo-form", [.field("logo", id: "partner-logo", label: "partners.field.logo")])

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(CampaignsPath.partners, use: list)
        open.get(CampaignsPath.logo(.key), use: logo)
        let coordinators = routes.access(.role(.coordinator))
        coordinators.get(CampaignsPath.managePartners, use: manage)
        coordinators.post(CampaignsPath.newPartner, use: create)
        coordinators.get(CampaignsPath.editPartner(.key), use: edit)
        coordinators.post(CampaignsPath.editPartner(.key), use: update)
        ImageUpload.post(coordinators, CampaignsPath.uploadLogo(.key).components, maxBytes: uploadLimit, use: uploadLogo)
        coordinators.post(CampaignsPath.deletePartner(.key), use: delete)
    }

    func list(req: Request) async throws -> Response {
        let today = AmsterdamTime.day(req.now)
        let rows = try await Partner.query(on: req.db).sort(\.$since).sort(\.$name).all().filter { $0.isActive(on: today) }
            .map { try row(req, $0, today: today) }
        return try await req.render("partner-list", titleKey: "partners.list.title", ListPage(rows: rows, hasRows: !rows.isEmpty))
    }

    func logo(req: Request) async throws -> Response {
        guard let file = req.parameters.get("file") else { throw Abort(.notFound) }
        return try await ImageUpload.response(folder: SetPartnerLogo.folder, file: file, req: req)
    }

    func manage(req: Request) async throws -> Response {
        try await renderManage(
            req, form: form(req, action: CampaignsPath.newPartner.path, values: ["kind": "residents", "since": AmsterdamTime.day(req.now)]))
    }

    func create(req: Request) async throws -> Response {
        let input = req.decodeForm(SavePartner.Input.self) ?? .init()
        switch try await SavePartner(app: req.application).run(by: req.requireUser(), id: nil, input, language: req.language) {
        case .saved(let id): return Flash.redirect(req, to: CampaignsPath.editPartner(.value(id)), messageKey: "partners.flash.created")
        case .invalid(let errors):
            return try await renderManage(
                req, form: form(req, action: CampaignsPath.newPartner.path, values: Self.values(input), errors: errors), status: .badRequest
            )
        case .notFound: throw Abort(.notFound)
        }
    }

    func edit(req: Request) async throws -> Response {
        let partner = try await find(req)
        return try await renderEdit(req, partner, form: form(req, action: editPath(partner), values: Self.values(of: partner)))
    }

    func update(req: Request) async throws -> Response {
        let partner = try await find(req)
        let input = req.decodeForm(SavePartner.Input.self) ?? .init()
        switch try await SavePartner(app: req.application).run(by: req.requireUser(), id: partner.id, input, language: req.language) {
        case .saved: return Flash.redirect(req, to: CampaignsPath.managePartners, messageKey: "partners.flash.saved")
        case .invalid(let errors):
            return try await renderEdit(
                req, partner, form: form(req, action: editPath(partner), values: Self.values(input), errors: errors), status: .badRequest)
        case .notFound: throw Abort(.notFound)
        }
    }

    func uploadLogo(req: Request) async throws -> Response {
        let partner = try await find(req)
        let id = try partner.requireID()
        let data = (try? req.content.decode(LogoInput.self))?.logo.map { Data(buffer: $0.data) } ?? Data()
        switch try await SetPartnerLogo(app: req.application).run(by: req.requireUser(), id: id, data: data) {
        case .saved: return Flash.redirect(req, to: CampaignsPath.editPartner(.value(id)), messageKey: "partners.flash.logo")
        case .refused(let problem):
            var errors = FormErrors()
            errors.add("logo", req.t(problem.textKey, ["max": ImageUpload.maxSize(req.application)]))
            return try await renderEdit(
                req, partner, form: form(req, action: editPath(partner), values: Self.values(of: partner)),
                logoErrors: errors.shown(on: Self.logoLayout, req), status: .badRequest)
        case .notFound: throw Abort(.notFound)
        }
    }

    func delete(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        switch try await DeletePartner(app: req.application).run(by: req.requireUser(), id: id) {
        case .deleted: return Flash.redirect(req, to: CampaignsPath.managePartners, messageKey: "partners.flash.deleted")
        case .notFound: throw Abort(.notFound)
        }
    }

    // MARK: pages

    func renderManage(_ req: Request, form: RegisterForm, status: HTTPStatus = .ok) async throws -> Response {
        let today = AmsterdamTime.day(req.now)
        let rows = try await Partner.query(on: req.db).sort(\.$name).all().map { try row(req, $0, today: today) }
        return try await req.render(
            "partner-manage", titleKey: "partners.manage.title", ManagePage(rows: rows, hasRows: !rows.isEmpty, form: form),
            status: status, errors: form.errors)
    }

    func renderEdit(
        _ req: Request, _ partner: Partner, form: RegisterForm, logoErrors: FormErrors? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let id = try partner.requireID()
        let page = EditPage(
            name: partner.name, logo: partner.logo.map { CampaignsPath.logo(.value($0)).path },
            logoAction: CampaignsPath.uploadLogo(.value(id)).path, deleteAction: CampaignsPath.deletePartner(.value(id)).path,
            logoError: logoErrors?.fields["logo"], maxLogo: ImageUpload.maxSize(req.application), form: form)
        return try await req.render(
            "partner-edit", titleKey: "partners.edit.title", titleArguments: ["name": partner.name], page, status: status,
            errors: logoErrors ?? form.errors)
    }

    func row(_ req: Request, _ partner: Partner, today: String) throws -> Row {
        let show = { (day: String) in AmsterdamTime.date(AmsterdamTime.parseDay(day), in: req.language) }
        return Row(
            id: try partner.requireID().uuidString, name: partner.name, kind: req.t("partners.kind.\(partner.kind)"),
            since: show(partner.since), what: partner.what, editLink: CampaignsPath.editPartner(.value(try partner.requireID())).path,
            ended: partner.endedOn.map(show), website: partner.website, logo: partner.logo.map { CampaignsPath.logo(.value($0)).path },
            active: partner.isActive(on: today))
    }

    func find(_ req: Request) async throws -> Partner {
        guard let id = req.parameters.get("id", as: UUID.self), let partner = try await Partner.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return partner
    }

    func editPath(_ partner: Partner) -> String { CampaignsPath.editPartner(.value(partner.id ?? UUID())).path }

    func form(_ req: Request, action: String, values: [String: String], errors: FormErrors = FormErrors()) -> RegisterForm {
        RegisterForm(
            req, layout: Self.layout, action: action, values: values, errors: errors, kinds: Partner.Kind.allCases.map(\.rawValue),
            textPrefix: "partners")
    }

    static func values(_ input: SavePartner.Input) -> [String: String] {
        [
            "name": input.name ?? "", "kind": input.kind ?? "", "since": input.since ?? "", "ended_on": input.ended_on ?? "",
            "what": input.what ?? "", "website": input.website ?? "",
        ]
    }

    static func values(of partner: Partner) -> [String: String] {
        [
            "name": partner.name, "kind": partner.kind, "since": partner.since, "ended_on": partner.endedOn ?? "",
            "what": partner.what, "website": partner.website ?? "",
        ]
    }
}
