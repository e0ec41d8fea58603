import Fluent
import KrachtCore
import Vapor

/// Crowdfunding campaigns: their public pages with progress and wall, and the treasurer's
/// list, new and edit pages.
struct FundCampaignController: RouteCollection {
    struct ListPage: Encodable {
        var running: FundHomeController.CampaignList
        var past: FundHomeController.CampaignList
    }

    struct CampaignPage: Encodable {
        var title, raised, goal, givePath, slug: String
        var paragraphs: [String]
        var percent: Int
        var gifts: Int64
        var deadline: String?
        var open: Bool
        var wall: FundWall.Page
    }

    struct AdminListPage: Encodable {
        var rows: [FundHomeController.CampaignRow]
        var form: CampaignForm
    }

    struct CampaignForm: Encodable {
        var values: [String: String] = [:]
        var errors = FormErrors()
        /// Editing: the slug is shown, not asked.
        var slug: String?
        var action: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(FundPath.campaigns, use: list)
        open.get(FundPath.campaign(.key), use: show)
        let treasurer = routes.access(.role(.treasurer))
        treasurer.get(FundPath.adminCampaigns, use: adminList)
        treasurer.post(FundPath.adminCampaigns, use: create)
        treasurer.get(FundPath.adminCampaign(.key), use: edit)
        treasurer.post(FundPath.adminCampaign(.key), use: update)
    }

    func list(req: Request) async throws -> Response {
        let page = ListPage(
            running: .init(rows: try await FundHomeController.campaignRows(req, running: true)),
            past: .init(rows: try await FundHomeController.campaignRows(req, running: false)))
        return try await req.render("fund/campaigns", titleKey: "fund.campaign.list_title", page)
    }

    func show(req: Request) async throws -> Response {
        guard let campaign = try await FundCampaign.find(slug: req.parameters.get("slug") ?? "", on: req.db), let id = campaign.id
        else { throw Abort(.notFound) }
        let page = CampaignPage(
            title: campaign.title, raised: Money.format(cents: campaign.raisedCents, in: req.language),
            goal: Money.format(cents: campaign.goalCents, in: req.language),
            givePath: FundPath.give(campaign: campaign.slug).path, slug: campaign.slug,
            paragraphs: campaign.description.components(separatedBy: "\n\n").filter { !$0.isEmpty },
            percent: campaign.percent, gifts: campaign.gifts,
            deadline: campaign.deadline.flatMap(AmsterdamTime.parseDay).map { AmsterdamTime.date($0, in: req.language) },
            open: campaign.isOpen(at: req.now),
            wall: try await FundWall.page(req.queryInt("pagina") ?? 1, campaignID: id, language: req.language, on: req.db))
        return try await req.render("fund/campaign", titleKey: "fund.campaign.title", titleArguments: ["title": campaign.title], page)
    }

    func adminList(req: Request) async throws -> Response {
        try await renderList(req, form: CampaignForm(action: FundPath.adminCampaigns.path))
    }

    func create(req: Request) async throws -> Response {
        let input = req.decodeForm(SaveFundCampaign.Input.self) ?? SaveFundCampaign.Input()
        switch try await SaveFundCampaign(app: req.application).run(input, existing: nil, by: req.requireUser(), language: req.language) {
        case .created(let slug), .updated(let slug):
            return Flash.redirect(req, to: FundPath.adminCampaign(.value(slug)), messageKey: "fund.campaign.created")
        case .invalid(let errors):
            let form = CampaignForm(
                values: Self.values(input), errors: errors.on(SaveFundCampaign.layout) { req.t($0) }, action: FundPath.adminCampaigns.path)
            return try await renderList(req, form: form, status: .badRequest)
        case .notFound: throw Abort(.notFound)
        }
    }

    func edit(req: Request) async throws -> Response {
        guard let campaign = try await FundCampaign.find(slug: req.parameters.get("slug") ?? "", on: req.db) else { throw Abort(.notFound) }
        let values = [
            "title": campaign.title, "description": campaign.description, "deadline": campaign.deadline ?? "",
            "goal": Money.format(cents: campaign.goalCents, in: .nl).replacingOccurrences(of: "€ ", with: ""),
        ]
        return try await renderEdit(
            req, form: CampaignForm(values: values, slug: campaign.slug, action: FundPath.adminCampaign(.value(campaign.slug)).path))
    }

    func update(req: Request) async throws -> Response {
        let slug = req.parameters.get("slug") ?? ""
        let input = req.decodeForm(SaveFundCampaign.Input.self) ?? SaveFundCampaign.Input()
        switch try await SaveFundCampaign(app: req.application).run(input, existing: slug, by: req.requireUser(), language: req.language) {
        case .created(let slug), .updated(let slug):
            return Flash.redirect(req, to: FundPath.adminCampaign(.value(slug)), messageKey: "fund.campaign.saved")
        case .invalid(let errors):
            let form = CampaignForm(
                values: Self.values(input), errors: errors.on(SaveFundCampaign.layout) { req.t($0) }, slug: slug,
                action: FundPath.adminCampaign(.value(slug)).path)
            return try await renderEdit(req, form: form, status: .badRequest)
        case .notFound: throw Abort(.notFound)
        }
    }

    private func renderList(_ req: Request, form: CampaignForm, status: HTTPStatus = .ok) async throws -> Response {
        let rows = try await FundHomeController.campaignRows(req, running: true) + FundHomeController.campaignRows(req, running: false)
        return try await req.render(
            "fund/admin/campaigns", titleKey: "fund.campaign.admin_title", AdminListPage(rows: rows, form: form), status: status,
            errors: form.errors.isEmpty ? nil : form.errors)
    }

    private func renderEdit(_ req: Request, form: CampaignForm, status: HTTPStatus = .ok) async throws -> Response {
        try await req.render(
            "fund/admin/campaign", titleKey: "fund.campaign.edit_title", form, status: status,
            errors: form.errors.isEmpty ? nil : form.errors)
    }

    private static func values(_ input: SaveFundCampaign.Input) -> [String: String] {
        [
            "slug": input.slug ?? "", "title": input.title ?? "", "description": input.description ?? "", "goal": input.goal ?? "",
            "deadline": input.deadline ?? "",
        ]
    }
}
