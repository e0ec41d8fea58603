import Fluent
import KrachtCore
import Vapor

/// The coordinators' overview: totals, per campaign, district and day; suspicious bursts and
/// voiding them; the CSV export; publishing a new version. Paper lists (`PaperController`) and
/// campaigns (`CampaignController`) have pages of their own.
struct ManifestoAdminController: RouteCollection {
    struct AdminPage: Encodable {
        var stats: ManifestoStatistics
        var problems: [String] = []
        /// A refused form's errors; `errors.form` says which form (`ManifestoForms`).
        var errors = FormErrors()
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
        admin.post(ManifestoPath.adminExport, use: export)
        admin.post(ManifestoPath.adminPublish, use: publish)
    }

    func render(
        _ req: Request, problems: [String] = [], errors: FormErrors? = nil, values: [String: String] = [:],
        version sent: VersionForm? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let current = try await ManifestoVersion.current(on: req.db)
        let version = VersionText(
            basedOn: current.number, titleNL: sent?.title_nl ?? current.titleNL, titleEN: sent?.title_en ?? current.titleEN,
            bodyNL: sent?.body_nl ?? current.bodyNL, bodyEN: sent?.body_en ?? current.bodyEN)
        let page = AdminPage(
            stats: try await ManifestoStatistics.load(app: req.application, language: req.language), problems: problems,
            errors: errors ?? FormErrors(), values: values, version: version, baseURL: req.application.config.baseURL)
        return try await req.render("manifesto/admin", titleKey: "manifesto.admin.title", page, status: status, errors: errors)
    }

    func show(req: Request) async throws -> Response { try await render(req) }

    func void(req: Request) async throws -> Response {
        let form = req.decodeForm(VoidForm.self)
        let iso = ISO8601DateFormatter()
        guard let form, let kind = form.kind.flatMap(VoidSignatures.Kind.init(rawValue:)),
            let from = form.from.flatMap(iso.date(from:)), let to = form.to.flatMap(iso.date(from:))
        else { return try await refusedVoid(req) }
        switch try await VoidSignatures(app: req.application)
            .run(by: req.requireUser(), kind: kind, value: form.value ?? "", from: from, to: to, reason: form.reason ?? "")
        {
        case .voided: return Flash.redirect(req, to: ManifestoPath.admin, messageKey: "manifesto.admin.voided")
        case .invalid: return try await refusedVoid(req)
        }
    }

    func refusedVoid(_ req: Request) async throws -> Response {
        let errors = FormErrors(summary: req.t("manifesto.admin.void_invalid"), form: ManifestoForms.void.id)
        return try await render(req, errors: errors, status: .badRequest)
    }

    func export(req: Request) async throws -> Response {
        let form = req.decodeForm(ExportForm.self)
        let export = ExportSignatures(app: req.application)
        switch try await export.authorise(by: req.requireUser(), reason: form?.reason) {
        case .reasonMissing:
            var errors = FormErrors()
            errors.add("reason", req.t("manifesto.export.reason_missing"))
            return try await render(req, errors: errors.on(ManifestoForms.export) { req.t($0) }, status: .badRequest)
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
            titleNL: form?.title_nl, titleEN: form?.title_en, bodyNL: form?.body_nl, bodyEN: form?.body_en, language: req.language)
        {
        case .published: return Flash.redirect(req, to: ManifestoPath.page(), messageKey: "manifesto.version.published")
        case .publishedMeanwhile(let number):
            let errors = FormErrors(
                summary: req.t("manifesto.version.published_meanwhile", ["number": String(number)]), form: ManifestoForms.publish.id)
            return try await render(req, errors: errors, version: form, status: .conflict)
        case .invalid(let errors):
            return try await render(req, errors: errors.on(ManifestoForms.publish) { req.t($0) }, version: form, status: .badRequest)
        }
    }
}
