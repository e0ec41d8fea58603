import Fluent
import KrachtCore
import Vapor

/// The campaign register: create and edit campaigns, and per campaign its link, QR poster,
/// embed snippet and figures; an export of every campaign's figures without personal data.
struct CampaignController: RouteCollection {
    struct Row: Encodable {
        var code, name, channel, period: String
        var registered: Bool
        var totals: CampaignFigures.Totals
        var confirmed: Int
    }
    struct ListPage: Encodable {
        var rows: [Row]
        var form: CampaignForm
    }
    /// The campaign form, new or filled in, with its problems.
    struct CampaignForm: Encodable {
        var values: [String: String] = [:]
        var errors = FormErrors()
        var hasErrors = false
        var channels: [Choice] = []
    }
    struct Choice: Encodable {
        var value, label: String
        var selected: Bool
    }
    struct CampaignPage: Encodable {
        var code, name, channel, period: String
        var link, posterLink, embed: String
        var totals: CampaignFigures.Totals
        var confirmed: Int
        var days: [CampaignFigures.Day]
        var chart: String
        var form: CampaignForm
    }

    static let layout = FormLayout(
        id: "campaign-form",
        [
            .field("name", id: "campaign-name", label: "manifesto.campaign.name"),
            .field("channel", id: "campaign-channel", label: "manifesto.campaign.channel"),
            .field("starts_on", id: "campaign-starts", label: "manifesto.campaign.starts_on"),
            .field("ends_on", id: "campaign-ends", label: "manifesto.campaign.ends_on"),
            .field("code", id: "campaign-code", label: "manifesto.campaign.code"),
        ])

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.access(.role(.coordinator))
        admin.get(ManifestoPath.adminCampaigns, use: list)
        admin.post(ManifestoPath.adminCampaigns, use: create)
        admin.get(ManifestoPath.adminCampaignsExport, use: export)
        admin.get(ManifestoPath.adminCampaign(.key), use: show)
        admin.post(ManifestoPath.adminCampaign(.key), use: update)
    }

    func list(req: Request) async throws -> Response {
        try await renderList(req, form: form(req, values: ["channel": Campaign.Channel.street.rawValue]))
    }

    func create(req: Request) async throws -> Response {
        let input = req.decodeForm(SaveCampaign.Input.self) ?? SaveCampaign.Input()
        switch try await SaveCampaign(app: req.application).run(by: req.requireUser(), existing: nil, input, language: req.language) {
        case .saved(let code):
            return Flash.redirect(req, to: ManifestoPath.adminCampaign(.value(code)), messageKey: "manifesto.campaign.created")
        case .invalid(let errors):
            return try await renderList(req, form: form(req, values: values(input), errors: errors), status: .badRequest)
        }
    }

    func show(req: Request) async throws -> Response {
        let campaign = try await find(req)
        return try await renderCampaign(req, campaign, form: form(req, values: values(of: campaign)))
    }

    func update(req: Request) async throws -> Response {
        let campaign = try await find(req)
        let input = req.decodeForm(SaveCampaign.Input.self) ?? SaveCampaign.Input()
        switch try await SaveCampaign(app: req.application).run(
            by: req.requireUser(), existing: campaign.code, input, language: req.language)
        {
        case .saved(let code):
            return Flash.redirect(req, to: ManifestoPath.adminCampaign(.value(code)), messageKey: "manifesto.campaign.saved")
        case .invalid(let errors):
            var sent = values(input)
            sent["code"] = campaign.code
            return try await renderCampaign(req, campaign, form: form(req, values: sent, errors: errors), status: .badRequest)
        }
    }

    /// Counts per campaign and day, nothing about any person: safe to hand to the press.
    func export(req: Request) async throws -> Response {
        let app = req.application
        let campaigns = try await Campaign.all(on: req.db)
        let byCode = Dictionary(campaigns.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let days = try await CampaignFigures.perDay(campaign: nil, since: Date(timeIntervalSince1970: 0), on: req.db)
        let language = req.language
        let rows = days.sorted { $0.key < $1.key }.map { key, day -> [CSVCell] in
            let code = String(key.split(separator: " ", maxSplits: 1).first.map(String.init) ?? "")
            let campaign = key.hasPrefix(" ") ? nil : byCode[code]
            let name =
                key.hasPrefix(" ")
                ? app.catalogue.text("manifesto.admin.no_campaign", in: language)
                : code == CampaignFigures.sharedGroup
                    ? app.catalogue.text("manifesto.campaign.shared_by_signers", in: language) : campaign?.name ?? ""
            let channel = campaign.map { app.catalogue.text("manifesto.campaign.channel.\($0.channel)", in: language) } ?? ""
            return [
                .text(key.hasPrefix(" ") ? "" : code), .text(name), .text(channel), .text(day.day),
                .integer(Int64(day.online)), .integer(Int64(day.paper)),
            ]
        }
        return CSVExport.response(
            for: req, filename: "campagnecijfers-\(AmsterdamTime.day(req.now)).csv", header: Self.exportHeader
        ) { write in try await write(rows) }
    }

    static let exportHeader = ["campagne_code", "campagne", "kanaal", "dag", "online_bevestigd", "papier"]

    // MARK: pages

    func renderList(_ req: Request, form: CampaignForm, status: HTTPStatus = .ok) async throws -> Response {
        let campaigns = try await Campaign.all(on: req.db)
        var totals = try await CampaignFigures.totals(on: req.db)
        var rows = campaigns.map { campaign in
            let figures = totals.removeValue(forKey: campaign.code) ?? CampaignFigures.Totals()
            return Row(
                code: campaign.code, name: campaign.name, channel: req.t("manifesto.campaign.channel.\(campaign.channel)"),
                period: period(req, campaign), registered: true, totals: figures, confirmed: figures.confirmed)
        }
        // Codes used in links before (or without) the register, signers' shared links as one
        // row, and signatures without a code.
        for (code, figures) in totals.sorted(by: { $0.value.confirmed > $1.value.confirmed }) {
            let name =
                code.isEmpty
                ? "manifesto.admin.no_campaign"
                : code == CampaignFigures.sharedGroup ? "manifesto.campaign.shared_by_signers" : "manifesto.campaign.unregistered"
            rows.append(
                Row(
                    code: code, name: req.t(name), channel: "", period: "", registered: false, totals: figures,
                    confirmed: figures.confirmed))
        }
        return try await req.render(
            "manifesto/admin-campaigns", titleKey: "manifesto.campaign.list_title", ListPage(rows: rows, form: form), status: status,
            errors: form.errors)
    }

    func renderCampaign(_ req: Request, _ campaign: Campaign, form: CampaignForm, status: HTTPStatus = .ok) async throws -> Response {
        let app = req.application
        let figures = try await CampaignFigures.load(campaign, now: req.now, on: req.db)
        let link = ManifestoPath.page(ref: campaign.code).url(on: app)
        let counter = app.config.baseURL + ManifestoPath.counter.path + "?ref=" + campaign.code
        let embed = "<iframe src=\"\(counter)\" title=\"De Kracht van Mokum\" width=\"300\" height=\"140\"></iframe>"
        let values = figures.days.map(\.total)
        let chart = TrendChart(
            id: "trend-\(campaign.code)",
            title: req.t("manifesto.campaign.chart_title", ["name": campaign.name]),
            description: req.t(
                "manifesto.campaign.chart_desc",
                [
                    "days": "\(values.count)", "first": figures.days.first?.day ?? "", "last": figures.days.last?.day ?? "",
                    "total": "\(values.reduce(0, +))", "highest": "\(values.max() ?? 0)",
                ]),
            values: values)
        let page = CampaignPage(
            code: campaign.code, name: campaign.name, channel: req.t("manifesto.campaign.channel.\(campaign.channel)"),
            period: period(req, campaign), link: link, posterLink: ManifestoPath.poster(ref: campaign.code).path, embed: embed,
            totals: figures.totals, confirmed: figures.totals.confirmed, days: figures.days.reversed(), chart: chart.svg, form: form)
        return try await req.render(
            "manifesto/admin-campaign", titleKey: "manifesto.campaign.title", titleArguments: ["name": campaign.name], page,
            status: status, errors: form.errors)
    }

    func find(_ req: Request) async throws -> Campaign {
        guard let code = req.parameters.get("code"), let campaign = try await Campaign.find(code: code, on: req.db) else {
            throw Abort(.notFound)
        }
        return campaign
    }

    func form(_ req: Request, values: [String: String], errors: FormErrors = FormErrors()) -> CampaignForm {
        CampaignForm(
            values: values, errors: errors.isEmpty ? errors : errors.on(Self.layout, { req.t($0) }), hasErrors: !errors.isEmpty,
            channels: Campaign.Channel.allCases.map {
                Choice(
                    value: $0.rawValue, label: req.t("manifesto.campaign.channel.\($0.rawValue)"),
                    selected: values["channel"] == $0.rawValue)
            })
    }

    func values(_ input: SaveCampaign.Input) -> [String: String] {
        [
            "name": input.name ?? "", "code": input.code ?? "", "channel": input.channel ?? "",
            "starts_on": input.starts_on ?? "", "ends_on": input.ends_on ?? "",
        ]
    }

    func values(of campaign: Campaign) -> [String: String] {
        [
            "name": campaign.name, "code": campaign.code, "channel": campaign.channel,
            "starts_on": campaign.startsOn ?? "", "ends_on": campaign.endsOn ?? "",
        ]
    }

    func period(_ req: Request, _ campaign: Campaign) -> String {
        switch (campaign.startsOn, campaign.endsOn) {
        case (nil, nil): ""
        case (let from?, nil): req.t("manifesto.campaign.period_from", ["from": from])
        case (nil, let to?): req.t("manifesto.campaign.period_to", ["to": to])
        case (let from?, let to?): req.t("manifesto.campaign.period", ["from": from, "to": to])
        }
    }
}
