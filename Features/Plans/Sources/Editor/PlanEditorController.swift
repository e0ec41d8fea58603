import Fluent
import KrachtCore
import Vapor

/// The coordinators' draft editor: plans, and publishing a version. Sections and
/// activities have their own controller (`DraftEditorController`).
struct PlanEditorController: RouteCollection {
    struct PublishForm: Content { var note: String? }

    func boot(routes: any RoutesBuilder) throws {
        let coordinator = routes.access(.role(.coordinator))
        coordinator.get(PlansPath.manage, use: manage)
        coordinator.get(PlansPath.newPlan, use: newPlan)
        coordinator.post(PlansPath.newPlan, use: createPlan)
        coordinator.get(PlansPath.editPlan(.key), use: editPlan)
        coordinator.post(PlansPath.editPlan(.key), use: savePlan)
        coordinator.get(PlansPath.publish(.key), use: publishPage)
        coordinator.post(PlansPath.publish(.key), use: publish)
        try routes.register(collection: DraftEditorController())
    }

    func manage(req: Request) async throws -> Response {
        try await req.render("plans/manage", titleKey: "plans.manage.title", try await ManagePage.load(req))
    }

    func newPlan(req: Request) async throws -> Response { try await EditorPlanPage.render(req, plan: nil) }

    func createPlan(req: Request) async throws -> Response {
        guard let form = req.decodeForm(PlanForm.self) else {
            return try await EditorPlanPage.render(req, plan: nil, errors: Self.unreadable(req))
        }
        switch try await CreatePlan(app: req.application).run(form, by: req.requireUser(), language: req.language) {
        case .created(let slug): return Flash.redirect(req, to: PlansPath.editPlan(.value(slug)), messageKey: "plans.editor.created")
        case .invalid(let errors): return try await EditorPlanPage.render(req, plan: nil, form: form, errors: errors)
        }
    }

    func editPlan(req: Request) async throws -> Response {
        try await EditorPlanPage.render(req, plan: try await PlanAccess.plan(req))
    }

    func savePlan(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        guard let form = req.decodeForm(PlanForm.self) else {
            return try await EditorPlanPage.render(req, plan: plan, errors: Self.unreadable(req))
        }
        switch try await EditPlan(app: req.application).run(planID: plan.requireID(), form, by: req.requireUser(), language: req.language) {
        case .saved: return Flash.redirect(req, to: PlansPath.editPlan(.value(plan.slug)), messageKey: "plans.editor.saved")
        case .invalid(let errors): return try await EditorPlanPage.render(req, plan: plan, form: form, errors: errors)
        case .notFound: throw Abort(.notFound)
        }
    }

    func publishPage(req: Request) async throws -> Response {
        try await PublishPage.render(req, plan: try await PlanAccess.plan(req))
    }

    func publish(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let form = req.decodeForm(PublishForm.self)
        let outcome = try await PublishPlan(app: req.application)
            .run(planID: plan.requireID(), note: form?.note, by: req.requireUser(), language: req.language)
        var errors = FormErrors()
        switch outcome {
        case .published(let number):
            return Flash.redirect(
                req, to: PlansPath.plan(.value(plan.slug)), messageKey: number == 1 ? "plans.publish.done_first" : "plans.publish.done")
        case .noteMissing(let message): errors.add("note", message)
        case .nothingToPublish: errors = FormErrors(summary: req.t("plans.publish.nothing"))
        case .empty: errors = FormErrors(summary: req.t("plans.publish.empty"))
        case .notFound: throw Abort(.notFound)
        }
        return try await PublishPage.render(req, plan: plan, note: form?.note, errors: errors)
    }

    /// A form the parser refused: a text far over its limit (the parser stops at 65,536 characters), or a malformed body.
    static func unreadable(_ req: Request) -> FormErrors { FormErrors(summary: req.t("plans.editor.unreadable")) }
}

/// The draft against the latest version, and the note of what changed.
struct PublishPage: Encodable {
    static let layout = FormLayout(id: "publish-form", [.field("note", id: "publish-note", label: "plans.publish.note")])

    var planTitle, action, editPath: String
    var nextVersion: Int
    var diff: PlanDiffView
    var note: String
    var maxNote = PublishPlan.maxNote
    var errors: FormErrors

    static func render(_ req: Request, plan: Plan, note: String? = nil, errors: FormErrors? = nil) async throws -> Response {
        let slug = Parameter<String>.value(plan.slug)
        let latest = try await PlanAccess.latestVersion(of: plan, on: req.db)?.snapshot()
        let draft = try await DraftSnapshot.make(plan, on: req.db)
        let page = PublishPage(
            planTitle: plan.draftTitleOrTitle, action: PlansPath.publish(slug).path + "#" + FormErrors.summaryAnchor,
            editPath: PlansPath.editPlan(slug).path, nextVersion: plan.publishedVersion + 1,
            diff: PlanDiff.compare(latest, draft, names: .reference(req.application.reference, in: req.language)),
            note: note ?? "", errors: errors.map { $0.on(layout) { req.t($0) } } ?? FormErrors())
        let refused = errors.map { !$0.isEmpty } ?? false
        return try await req.render(
            "plans/publish", titleKey: "plans.publish.title", titleArguments: ["title": plan.draftTitleOrTitle], page,
            status: refused ? .badRequest : .ok, errors: errors, canonicalPath: PlansPath.publish(slug).path)
    }
}
