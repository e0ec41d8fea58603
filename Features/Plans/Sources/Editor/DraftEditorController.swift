import Fluent
import KrachtCore
import Vapor

/// The draft's sections and activities: add, change, move, remove (coordinators only).
struct DraftEditorController: RouteCollection {
    struct MoveForm: Content { var richting: String? }

    func boot(routes: any RoutesBuilder) throws {
        let coordinator = routes.access(.role(.coordinator))
        coordinator.get(PlansPath.newSection(.key), use: newSection)
        coordinator.post(PlansPath.newSection(.key), use: saveSection)
        coordinator.get(PlansPath.editSection(.key, section: .key), use: editSection)
        coordinator.post(PlansPath.editSection(.key, section: .key), use: saveSection)
        coordinator.get(PlansPath.removeSection(.key, section: .key), use: confirmRemoveSection)
        coordinator.post(PlansPath.removeSection(.key, section: .key), use: removeSection)
        coordinator.post(PlansPath.moveSection(.key, section: .key), use: moveSection)
        coordinator.get(PlansPath.newActivity(.key, section: .key), use: newActivity)
        coordinator.post(PlansPath.newActivity(.key, section: .key), use: saveActivity)
        coordinator.get(PlansPath.editActivity(.key, activity: .key), use: editActivity)
        coordinator.post(PlansPath.editActivity(.key, activity: .key), use: saveActivity)
        coordinator.get(PlansPath.removeActivity(.key, activity: .key), use: confirmRemoveActivity)
        coordinator.post(PlansPath.removeActivity(.key, activity: .key), use: removeActivity)
    }

    // MARK: sections

    func newSection(req: Request) async throws -> Response {
        try await EditorSectionPage.render(req, plan: try await PlanAccess.plan(req), section: nil, form: nil)
    }

    func editSection(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let section = try await Self.currentSection(req, of: plan)
        return try await EditorSectionPage.render(req, plan: plan, section: section, form: nil)
    }

    func saveSection(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let section = req.parameters.get("section") == nil ? nil : try await Self.currentSection(req, of: plan)
        guard let form = req.decodeForm(SectionForm.self) else {
            return try await EditorSectionPage.render(
                req, plan: plan, section: section, form: nil, errors: PlanEditorController.unreadable(req))
        }
        switch try await SaveSection(app: req.application)
            .run(planID: plan.requireID(), sectionID: section?.id, form, by: req.requireUser(), language: req.language)
        {
        case .saved: return Flash.redirect(req, to: PlansPath.editPlan(.value(plan.slug)), messageKey: "plans.editor.section_saved")
        case .invalid(let errors): return try await EditorSectionPage.render(req, plan: plan, section: section, form: form, errors: errors)
        case .notFound: throw Abort(.notFound)
        }
    }

    func confirmRemoveSection(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let section = try await Self.currentSection(req, of: plan)
        let slug = Parameter<String>.value(plan.slug)
        let page = EditorRemovePage(
            title: section.title, activity: false, action: PlansPath.removeSection(slug, section: .value(try section.requireID())).path,
            cancelPath: PlansPath.editPlan(slug).path)
        return try await req.render("plans/editor-remove", titleKey: "plans.editor.remove_section_title", page)
    }

    func removeSection(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let section = try await PlanAccess.section(req, of: plan)
        switch try await RemoveSection(app: req.application).run(
            planID: plan.requireID(), sectionID: section.requireID(), by: req.requireUser())
        {
        case .removed: return Flash.redirect(req, to: PlansPath.editPlan(.value(plan.slug)), messageKey: "plans.editor.section_removed")
        case .notFound: throw Abort(.notFound)
        }
    }

    func moveSection(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let section = try await PlanAccess.section(req, of: plan)
        guard let direction = req.decodeForm(MoveForm.self)?.richting.flatMap(MoveSection.Direction.init(rawValue:)) else {
            throw Abort(.badRequest)
        }
        switch try await MoveSection(app: req.application)
            .run(planID: plan.requireID(), sectionID: section.requireID(), direction, by: req.requireUser())
        {
        case .moved, .atEdge:
            return Flash.redirect(req, to: PlansPath.editPlan(.value(plan.slug)), messageKey: "plans.editor.section_moved")
        case .notFound: throw Abort(.notFound)
        }
    }

    // MARK: activities

    func newActivity(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let section = try await Self.currentSection(req, of: plan)
        return try await EditorActivityPage.render(req, plan: plan, section: section, activity: nil, form: ActivityForm())
    }

    func editActivity(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let (activity, section) = try await Self.currentActivity(req, of: plan)
        return try await EditorActivityPage.render(req, plan: plan, section: section, activity: activity, form: ActivityForm(activity))
    }

    func saveActivity(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let (activity, section): (PlanActivity?, PlanSection) =
            req.parameters.get("activity") == nil
            ? (nil, try await Self.currentSection(req, of: plan)) : try await Self.currentActivity(req, of: plan)
        guard let form = req.decodeForm(ActivityForm.self) else {
            return try await EditorActivityPage.render(
                req, plan: plan, section: section, activity: activity, form: activity.map(ActivityForm.init) ?? ActivityForm(),
                errors: PlanEditorController.unreadable(req))
        }
        switch try await SaveActivity(app: req.application).run(
            planID: plan.requireID(), sectionID: section.id, activityID: activity?.id, form, by: req.requireUser(), language: req.language)
        {
        case .saved: return Flash.redirect(req, to: PlansPath.editPlan(.value(plan.slug)), messageKey: "plans.editor.activity_saved")
        case .invalid(let errors):
            return try await EditorActivityPage.render(req, plan: plan, section: section, activity: activity, form: form, errors: errors)
        case .notFound: throw Abort(.notFound)
        }
    }

    func confirmRemoveActivity(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let (activity, _) = try await Self.currentActivity(req, of: plan)
        let slug = Parameter<String>.value(plan.slug)
        let page = EditorRemovePage(
            title: activity.title, activity: true, action: PlansPath.removeActivity(slug, activity: .value(try activity.requireID())).path,
            cancelPath: PlansPath.editPlan(slug).path)
        return try await req.render("plans/editor-remove", titleKey: "plans.editor.remove_activity_title", page)
    }

    func removeActivity(req: Request) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let activity = try await PlanAccess.activity(req, of: plan)
        switch try await RemoveActivity(app: req.application).run(
            planID: plan.requireID(), activityID: activity.requireID(), by: req.requireUser())
        {
        case .removed: return Flash.redirect(req, to: PlansPath.editPlan(.value(plan.slug)), messageKey: "plans.editor.activity_removed")
        case .notFound: throw Abort(.notFound)
        }
    }

    // MARK: lookups

    /// The route's section, still in the draft, or 404.
    static func currentSection(_ req: Request, of plan: Plan) async throws -> PlanSection {
        let section = try await PlanAccess.section(req, of: plan)
        guard section.removedAt == nil else { throw Abort(.notFound) }
        return section
    }

    /// The route's activity, still in the draft, with its section, or 404.
    static func currentActivity(_ req: Request, of plan: Plan) async throws -> (PlanActivity, PlanSection) {
        let activity = try await PlanAccess.activity(req, of: plan)
        guard activity.removedAt == nil, let section = try await PlanSection.find(activity.sectionID, on: req.db) else {
            throw Abort(.notFound)
        }
        return (activity, section)
    }
}
