import Fluent
import KrachtCore
import Vapor

/// The page where the treasurer records cash and gifts in kind, with what was recorded lately.
struct CashController: RouteCollection {
    struct CashForm: Content {
        var amount: String?
        var day: String?
        var kind: String?
        var source: String?
        var campaign: String?
        var donor_name: String?
        var note: String?
        var form_id: String?
    }
    struct Option: Encodable {
        var value, label: String
        var selected: Bool
    }
    struct Recorded: Encodable {
        var day, amount, kind, note, path: String
    }
    struct Page: Encodable {
        var values: [String: String]
        var errors = FormErrors()
        var kinds: [Option] = []
        var sources: [Option] = []
        var campaigns: [Option] = []
        var recorded: [Recorded] = []
        var today: String
        /// New for every blank form, kept when the form comes back with errors.
        var formID = UUID().uuidString
        var adminPath = FundPath.admin.path
        var cashPath = FundPath.adminCash.path
    }

    static let layout = FormLayout(
        id: "cash-form",
        [
            .field("amount", id: "cash-amount", label: "fund.cash.amount"), .field("day", id: "cash-day", label: "fund.cash.day"),
            .field("kind", id: "cash-kind-cash", label: "fund.cash.kind"), .field("source", id: "cash-source", label: "fund.cash.source"),
            .field("campaign", id: "cash-campaign", label: "fund.cash.campaign"),
            .field("donor_name", id: "cash-donor", label: "fund.cash.donor_name"), .field("note", id: "cash-note", label: "fund.cash.note"),
        ])

    func boot(routes: any RoutesBuilder) throws {
        let treasurer = routes.access(.role(.treasurer))
        treasurer.get(FundPath.adminCash, use: show)
        treasurer.post(FundPath.adminCash, use: record)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, values: ["day": AmsterdamTime.day(req.application.clock.now()), "kind": "cash", "source": "event"])
    }

    func record(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = req.decodeForm(CashForm.self) ?? CashForm()
        let input = RecordCash.Input(
            amount: form.amount, day: form.day, kind: form.kind, source: form.source, campaign: form.campaign,
            donorName: form.donor_name, note: form.note, formID: form.form_id)
        switch try await RecordCash(app: req.application).run(input, by: user, language: req.language) {
        case .recorded: return Flash.redirect(req, to: FundPath.adminCash, messageKey: "fund.cash.recorded")
        case .alreadyRecorded: return Flash.redirect(req, to: FundPath.adminCash, messageKey: "fund.cash.already_recorded")
        case .invalid(let errors):
            let values = [
                "amount": form.amount ?? "", "day": form.day ?? "", "kind": form.kind ?? "", "source": form.source ?? "",
                "campaign": form.campaign ?? "", "donor_name": form.donor_name ?? "", "note": form.note ?? "",
                "form_id": form.form_id ?? "",
            ]
            return try await render(req, values: values, errors: errors, status: .badRequest)
        }
    }

    func render(_ req: Request, values: [String: String], errors: FormErrors = FormErrors(), status: HTTPStatus = .ok) async throws
        -> Response
    {
        var page = Page(values: values, today: AmsterdamTime.day(req.application.clock.now()))
        if let id = values["form_id"].flatMap(UUID.init(uuidString:)) { page.formID = id.uuidString }
        if !errors.isEmpty { page.errors = errors.on(Self.layout, { req.t($0) }) }
        page.kinds = ["cash", "in_kind"].map { Option(value: $0, label: req.t("fund.cash.kind.\($0)"), selected: values["kind"] == $0) }
        page.sources = RecordCash.sources.map {
            Option(value: $0.rawValue, label: req.t("fund.cash.source.\($0.rawValue)"), selected: values["source"] == $0.rawValue)
        }
        page.campaigns = try await FundCampaign.query(on: req.db).sort(\.$createdAt, .descending).limit(50).all().map {
            Option(value: $0.slug, label: $0.title, selected: values["campaign"] == $0.slug)
        }
        let gifts = try await Gift.query(on: req.db).filter(\.$method ~~ [Gift.Method.cash.rawValue, Gift.Method.inKind.rawValue])
            .sort(\.$createdAt, .descending).limit(20).all()
        page.recorded = gifts.map {
            Recorded(
                day: AmsterdamTime.date($0.paidAt, in: req.language), amount: Money.format(cents: $0.amountCents, in: req.language),
                kind: req.t("fund.cash.kind.\($0.method)"), note: $0.note ?? "", path: FundPath.adminGift(.value($0.id!)).path)
        }
        return try await req.render("fund/admin/cash", titleKey: "fund.cash.title", page, status: status, errors: errors)
    }
}
