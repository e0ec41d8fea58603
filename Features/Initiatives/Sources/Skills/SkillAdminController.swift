import Fluent
import KrachtCore
import Vapor

/// The coordinators' skills page (`/beheer/vaardigheden`): every skill with how often actions and
/// profiles use it, and the form that merges synonyms into one kept skill.
struct SkillAdminController: RouteCollection {
    struct Row: Encodable {
        var id, name: String
        var uses: Int
    }
    struct SkillsPage: Encodable {
        var rows: [Row]
        var countText: String
        var mergePath = InitiativesPath.adminMergeSkills.path
        var errors = FormErrors()
        var hasErrors = false
    }

    static let shown = 1000

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.access(.role(.coordinator))
        admin.get(InitiativesPath.adminSkills, use: list)
        admin.post(InitiativesPath.adminMergeSkills, use: merge)
    }

    func list(req: Request) async throws -> Response { try await render(req) }

    func merge(req: Request) async throws -> Response {
        let fields = req.formFields() ?? FormFields()
        let keep = fields["keep"].flatMap(UUID.init(uuidString:))
        let merged = fields.values("merge").compactMap(UUID.init(uuidString:))
        guard let keep else { return try await refuse(req, "initiatives.admin.skills.error.keep") }
        switch try await MergeSkills(app: req.application).run(keep: keep, merge: merged, by: try req.requireUser()) {
        case .merged: return Flash.redirect(req, to: InitiativesPath.adminSkills, messageKey: "initiatives.admin.skills.merged")
        case .nothingToMerge: return try await refuse(req, "initiatives.admin.skills.error.nothing")
        case .notFound: return try await refuse(req, "initiatives.admin.skills.error.gone")
        }
    }

    func refuse(_ req: Request, _ key: String) async throws -> Response {
        try await render(req, errors: FormErrors(summary: req.t(key), form: "skills-merge"), status: .badRequest)
    }

    func render(_ req: Request, errors: FormErrors? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let skills = try await Skill.query(on: req.db).filter(\.$mergedInto == nil).sort(\.$name).limit(Self.shown).all()
        let counts = try await MergeSkills.useCounts(references: req.application.skillReferences, on: req.db)
        let rows = skills.compactMap { skill in
            skill.id.map { Row(id: $0.uuidString, name: skill.name, uses: counts[$0] ?? 0) }
        }
        var page = SkillsPage(rows: rows, countText: req.t("initiatives.admin.skills.count", count: rows.count))
        if let errors {
            page.errors = errors
            page.hasErrors = true
        }
        return try await req.render(
            "initiatives/admin/skills", titleKey: "initiatives.admin.skills.title", page, status: status, errors: errors)
    }
}
