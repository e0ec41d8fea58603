import Fluent
import KrachtCore
import Vapor

/// The coordinators' side: numbers per campaign, district and day; suspicious bursts and
/// voiding them; paper batches; the CSV export; publishing a new version.
struct ManifestoAdminController: RouteCollection {
    struct AdminPage: Encodable {
        var stats: ManifestoStatistics
        var problems: [String] = []
        var values: [String: String] = [:]
        var version: VersionText
        var baseURL: String
    }
    /// The version form: the current text, or what was sent; `basedOn` is the version it edits.
    struct VersionText: Encodable {
        var basedOn: Int
        var titleNL, titleEN, bodyNL, bodyEN: String
    }
    struct VoidForm: Content {
        var kind: String?
        var value: String?
        var from: String?
        var to: String?
        var reason: String?
    }
    struct PaperForm: Content {
        var sheet: String?
        var lines: String?
    }
    struct ExportForm: Content { var reason: String? }
    struct VersionForm: Content {
        var based_on: Int?
        var title_nl: String?
        var title_en: String?
        var body_nl: String?
        var body_en: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.access(.role(.coordinator))
        admin.get(ManifestoPath.admin, use: show)
        admin.post(ManifestoPath.adminVoid, use: void)
        admin.post(ManifestoPath.adminPaper, use: paper)
        admin.post(ManifestoPath.adminExport, use: export)
        admin.post(ManifestoPath.adminPublish, use: publish)
    }

    func render(
        _ req: Request, problems: [String] = [], values: [String: String] = [:], version sent: VersionForm? = nil,
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let current = try await ManifestoVersion.current(on: req.db)
        let version = VersionText(
            basedOn: current.number, titleNL: sent?.title_nl ?? current.titleNL, titleEN: sent?.title_en ?? current.titleEN,
            bodyNL: sent?.body_nl ?? current.bodyNL, bodyEN: sent?.body_en ?? current.bodyEN)
        let page = AdminPage(
            stats: try await ManifestoStatistics.load(app: req.application, language: req.language), problems: problems,
            values: values, version: version, baseURL: req.application.config.baseURL)
        return try await req.render("manifesto/admin", titleKey: "manifesto.admin.title", page, status: status)
    }

    func show(req: Request) async throws -> Response { try await render(req) }

    func void(req: Request) async throws -> Response {
        let form = req.decodeForm(VoidForm.self)
        let iso = ISO8601DateFormatter()
        guard let form, let kind = form.kind.flatMap(VoidSignatures.Kind.init(rawValue:)),
            let from = form.from.flatMap(iso.date(from:)), let to = form.to.flatMap(iso.date(from:))
        else { return try await render(req, problems: [req.t("manifesto.admin.void_invalid")], status: .badRequest) }
        switch try await VoidSignatures(app: req.application)
            .run(by: req.requireUser(), kind: kind, value: form.value ?? "", from: from, to: to, reason: form.reason ?? "")
        {
        case .voided: return Flash.redirect(req, to: ManifestoPath.admin, messageKey: "manifesto.admin.voided")
        case .invalid: return try await render(req, problems: [req.t("manifesto.admin.void_invalid")], status: .badRequest)
        }
    }

    func paper(req: Request) async throws -> Response {
        // Only a list over the form parser's caps goes unread: say so, not "fill in the sheet".
        guard let form = req.decodeForm(PaperForm.self) else {
            return try await render(req, problems: [req.t("manifesto.paper.error_too_large")], status: .payloadTooLarge)
        }
        switch try await RecordPaperSignatures(app: req.application)
            .run(by: req.requireUser(), sheet: form.sheet, lines: form.lines, language: req.language)
        {
        case .recorded: return Flash.redirect(req, to: ManifestoPath.admin, messageKey: "manifesto.paper.recorded")
        case .invalid(let problems):
            return try await render(
                req, problems: problems, values: ["sheet": form.sheet ?? "", "lines": form.lines ?? ""], status: .badRequest)
        }
    }

    func export(req: Request) async throws -> Response {
        let form = req.decodeForm(ExportForm.self)
        let export = ExportSignatures(app: req.application)
        switch try await export.authorise(by: req.requireUser(), reason: form?.reason) {
        case .reasonMissing: return try await render(req, problems: [req.t("manifesto.export.reason_missing")], status: .badRequest)
        case .allowed:
            return CSVExport.response(
                for: req, filename: "handtekeningen-\(AmsterdamTime.day(req.now)).csv", header: ExportSignatures.header
            ) { write in try await export.stream(write) }
        }
    }

    func publish(req: Request) async throws -> Response {
        let form = req.decodeForm(VersionForm.self)
        switch try await PublishVersion(app: req.application).run(
            by: req.requireUser(), basedOn: form?.based_on,
            titleNL: form?.title_nl, titleEN: form?.title_en, bodyNL: form?.body_nl, bodyEN: form?.body_en)
        {
        case .published: return Flash.redirect(req, to: ManifestoPath.page(), messageKey: "manifesto.version.published")
        case .publishedMeanwhile(let number):
            return try await render(
                req, problems: [req.t("manifesto.version.published_meanwhile", ["number": String(number)])], version: form,
                status: .conflict)
        case .invalid: return try await render(req, problems: [req.t("manifesto.version.invalid")], version: form, status: .badRequest)
        }
    }
}
