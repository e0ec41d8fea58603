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
    struct VersionText: Encodable { var titleNL, titleEN, bodyNL, bodyEN: String }
    struct VoidForm: Content { var kind: String?; var value: String?; var from: String?; var to: String?; var reason: String? }
    struct PaperForm: Content { var sheet: String?; var lines: String? }
    struct ExportForm: Content { var reason: String? }
    struct VersionForm: Content { var title_nl: String?; var title_en: String?; var body_nl: String?; var body_en: String? }

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("beheer", "manifest").access(.role(.coordinator))
        admin.get(use: show)
        admin.post("ongeldig", use: void)
        admin.post("papier", use: paper)
        admin.post("export", use: export)
        admin.post("versie", use: publish)
    }

    func render(_ req: Request, problems: [String] = [], values: [String: String] = [:], status: HTTPStatus = .ok) async throws -> Response {
        let current = try await ManifestoVersion.current(on: req.db)
        let page = AdminPage(
            stats: try await ManifestoStatistics.load(app: req.application, language: req.language), problems: problems,
            values: values, version: VersionText(titleNL: current.titleNL, titleEN: current.titleEN, bodyNL: current.bodyNL, bodyEN: current.bodyEN),
            baseURL: req.application.config.baseURL)
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
        case .voided: return Flash.redirect(req, to: "/beheer/manifest", messageKey: "manifesto.admin.voided")
        case .invalid: return try await render(req, problems: [req.t("manifesto.admin.void_invalid")], status: .badRequest)
        }
    }

    func paper(req: Request) async throws -> Response {
        let form = req.decodeForm(PaperForm.self)
        switch try await RecordPaperSignatures(app: req.application)
            .run(by: req.requireUser(), sheet: form?.sheet, lines: form?.lines, language: req.language)
        {
        case .recorded: return Flash.redirect(req, to: "/beheer/manifest", messageKey: "manifesto.paper.recorded")
        case .invalid(let problems):
            return try await render(req, problems: problems, values: ["sheet": form?.sheet ?? "", "lines": form?.lines ?? ""], status: .badRequest)
        }
    }

    func export(req: Request) async throws -> Response {
        let form = req.decodeForm(ExportForm.self)
        switch try await ExportSignatures(app: req.application).run(by: req.requireUser(), reason: form?.reason) {
        case .reasonMissing: return try await render(req, problems: [req.t("manifesto.export.reason_missing")], status: .badRequest)
        case .csv(let csv):
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"handtekeningen-\(AmsterdamTime.day(req.now)).csv\"")
            return Response(status: .ok, headers: headers, body: .init(string: csv))
        }
    }

    func publish(req: Request) async throws -> Response {
        let form = req.decodeForm(VersionForm.self)
        switch try await PublishVersion(app: req.application)
            .run(by: req.requireUser(), titleNL: form?.title_nl, titleEN: form?.title_en, bodyNL: form?.body_nl, bodyEN: form?.body_en)
        {
        case .published: return Flash.redirect(req, to: "/manifest", messageKey: "manifesto.version.published")
        case .invalid: return try await render(req, problems: [req.t("manifesto.version.invalid")], status: .badRequest)
        }
    }
}
