import Fluent
import KrachtCore
import Vapor

/// The paper lists page: enter a list, see how it was read, confirm, and see what was entered.
struct PaperController: RouteCollection {
    struct PaperForm: Content {
        var sheet: String?
        var lines: String?
        var campaign: String?
        var confirm: String?
    }
    struct BadLine: Encodable {
        var number: Int
        var text: String
        var reason: String
    }
    struct Option: Encodable {
        var code, name: String
        var selected: Bool
    }
    struct ListRow: Encodable {
        var reference, campaign, when, by: String
        var signatures: Int
    }
    struct Page: Encodable {
        var values: [String: String] = [:]
        var errors = FormErrors()
        var badLines: [BadLine] = []
        var linesSummary: String?
        var hasErrors = false
        var preview: [PaperSheet.Entry]?
        var previewSummary: String?
        var recorded: String?
        var campaigns: [Option] = []
        var lists: [ListRow] = []
    }

    static let layout = FormLayout(
        id: "paper-form",
        [
            .field("sheet", id: "paper-sheet", label: "manifesto.paper.sheet"),
            .field("campaign", id: "paper-campaign", label: "manifesto.paper.campaign"),
            .field("lines", id: "paper-lines", label: "manifesto.paper.lines"),
        ])

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.access(.role(.coordinator))
        admin.get(ManifestoPath.adminPaper, use: show)
        admin.post(ManifestoPath.adminPaper, use: submit)
    }

    func show(req: Request) async throws -> Response {
        var page = Page()
        if let id = req.queryValue("lijst").flatMap(UUID.init(uuidString:)), let list = try await PaperList.find(id, on: req.db) {
            page.recorded = req.t("manifesto.paper.recorded", count: list.signatures, ["sheet": list.reference])
        }
        return try await render(req, page)
    }

    func submit(req: Request) async throws -> Response {
        // Only a list over the form parser's caps goes unread: say so, not "fill in the sheet".
        guard let form = req.decodeForm(PaperForm.self) else {
            var page = Page()
            page.errors.add("lines", req.t("manifesto.paper.error_too_large"))
            return try await render(req, page, status: .payloadTooLarge)
        }
        var page = Page(values: ["sheet": form.sheet ?? "", "lines": form.lines ?? "", "campaign": form.campaign ?? ""])
        switch try await RecordPaperSignatures(app: req.application).run(
            by: req.requireUser(), sheet: form.sheet, lines: form.lines, campaign: form.campaign, confirmed: form.confirm == "1",
            language: req.language)
        {
        case .recorded(_, let list):
            return req.redirect(to: ManifestoPath.adminPaperRecorded(list: list.uuidString).path, redirectType: .normal)
        case .preview(let entries):
            page.preview = entries
            page.previewSummary = req.t("manifesto.paper.preview_summary", count: entries.count, ["sheet": form.sheet ?? ""])
            return try await render(req, page)
        case .invalid(let problems):
            page.errors = problems.errors
            page.badLines = problems.lines.map {
                BadLine(number: $0.number, text: $0.text, reason: req.t("manifesto.paper.reason.\($0.reason.rawValue)"))
            }
            if !problems.lines.isEmpty {
                page.linesSummary = req.t(
                    "manifesto.paper.bad_lines", count: problems.lines.count,
                    ["good": req.t("manifesto.paper.good_lines", count: problems.goodLines)])
                page.errors.add("lines", page.linesSummary!)
            }
            return try await render(req, page, status: .badRequest)
        case .duplicate(let earlier):
            let by = earlier.enteredBy ?? req.t("manifesto.paper.someone")
            page.errors.add(
                "sheet",
                req.t(
                    "manifesto.paper.error_duplicate",
                    ["sheet": earlier.reference, "when": Self.when(earlier.enteredAt, req.language), "by": by]))
            return try await render(req, page, status: .conflict)
        }
    }

    func render(_ req: Request, _ page: Page, status: HTTPStatus = .ok) async throws -> Response {
        var page = page
        page.hasErrors = !page.errors.isEmpty
        if page.hasErrors { page.errors = page.errors.on(Self.layout, { req.t($0) }) }
        let campaigns = try await Campaign.all(on: req.db)
        page.campaigns = campaigns.map { Option(code: $0.code, name: $0.name, selected: $0.code == page.values["campaign"]) }
        let names = Dictionary(campaigns.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let lists = try await PaperList.query(on: req.db).sort(\.$enteredAt, .descending).limit(20).all()
        let people = try await User.query(on: req.db).filter(\.$id ~~ lists.compactMap(\.enteredByID)).all()
        let who = Dictionary(people.compactMap { user in user.id.map { ($0, user.name) } }, uniquingKeysWith: { a, _ in a })
        page.lists = lists.map { list in
            ListRow(
                reference: list.reference, campaign: list.campaign.map { names[$0] ?? $0 } ?? "",
                when: Self.when(list.enteredAt, req.language), by: list.enteredByID.flatMap { who[$0] } ?? "",
                signatures: list.signatures)
        }
        return try await req.render("manifesto/admin-paper", titleKey: "manifesto.paper.title", page, status: status, errors: page.errors)
    }

    /// "30 november 2026, 14:05", in Amsterdam.
    static func when(_ date: Date, _ language: Language) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = AmsterdamTime.zone
        formatter.dateFormat = "HH:mm"
        return AmsterdamTime.date(date, in: language) + ", " + formatter.string(from: date)
    }
}
