import Fluent
import KrachtCore
import Vapor

/// The campaign register: the public list with results (`/campagnes`), one campaign by any of
/// its codes, and the coordinators' register (`/campagnes/beheer`).
struct CampaignController: RouteCollection {
    struct Result: Encodable { var label: String }
    struct Row: Encodable {
        var id, name, kind, period, description, link, editLink: String
        var codes: [String]
        var results: [Result]
        var hasDescription: Bool
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
        var deleteAction: String
        var form: RegisterForm
    }

    static let layout = FormLayout(
        id: "campaign-form",
        [
            .field("name", id: "campaign-name", label: "campaigns.field.name"),
            .field("kind", id: "campaign-kind", label: "campaigns.field.kind"),
            .field("description", id: "campaign-description", label: "campaigns.field.description"),
            .field("starts_on", id: "campaign-starts", label: "campaigns.field.starts_on"),
            .field("ends_on", id: "campaign-ends", label: "campaigns.field.ends_on"),
            .field("codes", id: "campaign-codes", label: "campaigns.field.codes"),
        ])

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(CampaignsPath.list, use: list)
        open.get(CampaignsPath.campaign(.key), use: show)
        let coordinators = routes.access(.role(.coordinator))
        coordinators.get(CampaignsPath.manage, use: manage)
        coordinators.post(CampaignsPath.new, use: create)
        coordinators.get(CampaignsPath.edit(.key), use: edit)
        coordinators.post(CampaignsPath.edit(.key), use: update)
        coordinators.post(CampaignsPath.delete(.key), use: delete)
    }

    // MARK: public

    func list(req: Request) async throws -> Response {
        let rows = try await rows(req)
        return try await req.render("campaign-list", titleKey: "campaigns.list.title", ListPage(rows: rows, hasRows: !rows.isEmpty))
    }

    func show(req: Request) async throws -> Response {
        guard let code = req.parameters.get("code"), let campaign = try await MovementCampaign.find(code: code, on: req.db) else {
            throw Abort(.notFound)
        }
        let row = try await rows(req, [campaign])[0]
        return try await req.render(
            "campaign-page", titleKey: "campaigns.page.title", titleArguments: ["name": campaign.name], row,
            canonicalPath: row.link)
    }

    // MARK: coordinators

    func manage(req: Request) async throws -> Response {
        try await renderManage(req, form: form(req, action: CampaignsPath.new.path, values: ["kind": "storytelling"]))
    }

    func create(req: Request) async throws -> Response {
        let input = req.decodeForm(SaveMovementCampaign.Input.self) ?? .init()
        switch try await SaveMovementCampaign(app: req.application).run(by: req.requireUser(), id: nil, input, language: req.language) {
        case .saved: return Flash.redirect(req, to: CampaignsPath.manage, messageKey: "campaigns.flash.created")
        case .invalid(let errors):
            return try await renderManage(
                req, form: form(req, action: CampaignsPath.new.path, values: Self.values(input), errors: errors), status: .badRequest)
        case .notFound: throw Abort(.notFound)
        }
    }

    func edit(req: Request) async throws -> Response {
        let campaign = try await find(req)
        return try await renderEdit(req, campaign, form: form(req, action: editPath(campaign), values: Self.values(of: campaign)))
    }

    func update(req: Request) async throws -> Response {
        let campaign = try await find(req)
        let input = req.decodeForm(SaveMovementCampaign.Input.self) ?? .init()
        switch try await SaveMovementCampaign(app: req.application).run(
            by: req.requireUser(), id: campaign.id, input, language: req.language)
        {
        case .saved: return Flash.redirect(req, to: CampaignsPath.manage, messageKey: "campaigns.flash.saved")
        case .invalid(let errors):
            return try await renderEdit(
                req, campaign, form: form(req, action: editPath(campaign), values: Self.values(input), errors: errors),
                status: .badRequest)
        case .notFound: throw Abort(.notFound)
        }
    }

    func delete(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        switch try await DeleteMovementCampaign(app: req.application).run(by: req.requireUser(), id: id) {
        case .deleted: return Flash.redirect(req, to: CampaignsPath.manage, messageKey: "campaigns.flash.deleted")
        case .notFound: throw Abort(.notFound)
        }
    }

    // MARK: pages

    func renderManage(_ req: Request, form: RegisterForm, status: HTTPStatus = .ok) async throws -> Response {
        let rows = try await rows(req)
        return try await req.render(
            "campaign-manage", titleKey: "campaigns.manage.title", ManagePage(rows: rows, hasRows: !rows.isEmpty, form: form),
            status: status, errors: form.errors)
    }

    func renderEdit(_ req: Request, _ campaign: MovementCampaign, form: RegisterForm, status: HTTPStatus = .ok) async throws -> Response {
        let page = EditPage(
            name: campaign.name, deleteAction: CampaignsPath.delete(.value(try campaign.requireID())).path, form: form)
        return try await req.render(
            "campaign-edit", titleKey: "campaigns.edit.title", titleArguments: ["name": campaign.name], page, status: status,
            errors: form.errors)
    }

    func rows(_ req: Request, _ given: [MovementCampaign]? = nil) async throws -> [Row] {
        let campaigns: [MovementCampaign]
        if let given { campaigns = given } else { campaigns = try await MovementCampaign.all(on: req.db) }
        let results = try await CampaignResults.load(campaigns, app: req.application)
        return try campaigns.map { campaign in
            let id = try campaign.requireID()
            let codes = campaign.codeList
            return Row(
                id: id.uuidString, name: campaign.name, kind: req.t("campaigns.kind.\(campaign.kind)"),
                period: Self.period(req, from: campaign.startsOn, to: campaign.endsOn), description: campaign.description,
                link: codes.first.map { CampaignsPath.campaign(.value($0)).path } ?? CampaignsPath.list.path,
                editLink: CampaignsPath.edit(.value(id)).path, codes: codes,
                results: (results[id] ?? []).map { Result(label: req.t($0.labelKey, count: Int($0.count), ["count": String($0.count)])) },
                hasDescription: !campaign.description.isEmpty)
        }
    }

    func find(_ req: Request) async throws -> MovementCampaign {
        guard let id = req.parameters.get("id", as: UUID.self),
            let campaign = try await MovementCampaign.query(on: req.db).filter(\.$id == id).with(\.$codes).first()
        else { throw Abort(.notFound) }
        return campaign
    }

    func editPath(_ campaign: MovementCampaign) -> String { CampaignsPath.edit(.value(campaign.id ?? UUID())).path }

    func form(_ req: Request, action: String, values: [String: String], errors: FormErrors = FormErrors()) -> RegisterForm {
        RegisterForm(
            req, layout: Self.layout, action: action, values: values, errors: errors,
            kinds: MovementCampaign.Kind.allCases.map(\.rawValue), textPrefix: "campaigns")
    }

    static func values(_ input: SaveMovementCampaign.Input) -> [String: String] {
        [
            "name": input.name ?? "", "kind": input.kind ?? "", "description": input.description ?? "",
            "starts_on": input.starts_on ?? "", "ends_on": input.ends_on ?? "", "codes": input.codes ?? "",
        ]
    }

    static func values(of campaign: MovementCampaign) -> [String: String] {
        [
            "name": campaign.name, "kind": campaign.kind, "description": campaign.description, "starts_on": campaign.startsOn,
            "ends_on": campaign.endsOn ?? "", "codes": campaign.codeList.joined(separator: ", "),
        ]
    }

    /// "1 maart 2025 – 30 april 2025", or "vanaf 1 maart 2025".
    static func period(_ req: Request, from: String, to: String?) -> String {
        let show = { (day: String) in AmsterdamTime.date(AmsterdamTime.parseDay(day), in: req.language) }
        guard let to else { return req.t("campaigns.period_from", ["from": show(from)]) }
        return req.t("campaigns.period", ["from": show(from), "to": show(to)])
    }
}
