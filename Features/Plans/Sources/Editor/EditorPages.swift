import Fluent
import Foundation
import KrachtCore
import Vapor

/// The coordinators' overview: every plan, drafts too, and whether its draft has changes not yet published.
struct ManagePage: Encodable {
    struct Row: Encodable {
        var title, editPath, publicPath: String
        var version: Int
        var published: Bool
        var unpublishedChanges: Bool
        var changed: String
    }
    var rows: [Row]
    var newPath = PlansPath.newPlan.path

    static func load(_ req: Request) async throws -> ManagePage {
        let plans = try await Plan.query(on: req.db).sort(\.$createdAt, .descending).limit(500).all()
        return ManagePage(
            rows: plans.map { plan in
                let slug = Parameter<String>.value(plan.slug)
                return Row(
                    title: plan.draftTitleOrTitle, editPath: PlansPath.editPlan(slug).path, publicPath: PlansPath.plan(slug).path,
                    version: plan.publishedVersion, published: plan.isPublished,
                    unpublishedChanges: plan.publishedAt.map { plan.draftChangedAt > $0 } ?? true,
                    changed: AmsterdamTime.date(plan.draftChangedAt, in: req.language))
            })
    }
}

/// A plan's form (new or its draft's title and summary) and, for a plan that exists, its draft:
/// the sections with their activities, each with a link to every action on it.
struct EditorPlanPage: Encodable {
    static let layout = FormLayout(
        id: "plan-form",
        [
            .field("title", id: "plan-title", label: "plans.editor.title"),
            .field("summary", id: "plan-summary", label: "plans.editor.summary"),
        ])

    struct ActivityRow: Encodable {
        var title, editPath, removePath: String
    }
    struct SectionRow: Encodable {
        var title, editPath, removePath, movePath, newActivityPath: String
        var first, last: Bool
        var activities: [ActivityRow]
    }

    var editing: Bool
    var action: String
    var values: [String: String]
    var errors: FormErrors
    var publicPath, publishPath, newSectionPath: String?
    /// The draft's title as stored (the form may hold a refused one).
    var planTitle: String?
    var version = 0
    var unpublishedChanges = false
    var sections: [SectionRow] = []

    static func render(_ req: Request, plan: Plan?, form: PlanForm? = nil, errors: FormErrors? = nil) async throws -> Response {
        let laidOut = errors.map { $0.on(layout) { req.t($0) } } ?? FormErrors()
        guard let plan else {
            let page = EditorPlanPage(
                editing: false, action: PlansPath.newPlan.path + "#" + FormErrors.summaryAnchor,
                values: ["title": form?.title ?? "", "summary": form?.summary ?? ""], errors: laidOut)
            return try await req.render(
                "plans/editor-plan", titleKey: "plans.editor.new_title", page, status: errors == nil ? .ok : .badRequest, errors: errors)
        }
        let slug = Parameter<String>.value(plan.slug)
        let planID = try plan.requireID()
        let sections = try await PlanSection.query(on: req.db).filter(\.$planID == planID).filter(\.$removedAt == nil)
            .sort(\.$position).sort(\.$createdAt).all()
        let activities = try await PlanActivity.query(on: req.db).filter(\.$planID == planID).filter(\.$removedAt == nil)
            .sort(\.$position).sort(\.$createdAt).all()
        let bySection = Dictionary(grouping: activities, by: \.sectionID)
        var page = EditorPlanPage(
            editing: true, action: PlansPath.editPlan(slug).path + "#" + FormErrors.summaryAnchor,
            values: ["title": form?.title ?? plan.draftTitleOrTitle, "summary": form?.summary ?? plan.draftSummaryOrSummary],
            errors: laidOut, publicPath: PlansPath.plan(slug).path, publishPath: PlansPath.publish(slug).path,
            newSectionPath: PlansPath.newSection(slug).path)
        page.planTitle = plan.draftTitleOrTitle
        page.version = plan.publishedVersion
        page.unpublishedChanges = plan.publishedAt.map { plan.draftChangedAt > $0 } ?? true
        page.sections = try sections.enumerated().map { index, section in
            let id = Parameter<UUID>.value(try section.requireID())
            return SectionRow(
                title: section.title, editPath: PlansPath.editSection(slug, section: id).path,
                removePath: PlansPath.removeSection(slug, section: id).path, movePath: PlansPath.moveSection(slug, section: id).path,
                newActivityPath: PlansPath.newActivity(slug, section: id).path, first: index == 0, last: index == sections.count - 1,
                activities: try (bySection[section.requireID()] ?? []).map { activity in
                    let activityID = Parameter<UUID>.value(try activity.requireID())
                    return ActivityRow(
                        title: activity.title, editPath: PlansPath.editActivity(slug, activity: activityID).path,
                        removePath: PlansPath.removeActivity(slug, activity: activityID).path)
                })
        }
        return try await req.render(
            "plans/editor-plan", titleKey: "plans.editor.edit_title", titleArguments: ["title": plan.draftTitleOrTitle], page,
            status: errors == nil ? .ok : .badRequest, errors: errors, canonicalPath: PlansPath.editPlan(slug).path)
    }
}

/// "Remove this section/activity?": a page that says what goes, and a button.
struct EditorRemovePage: Encodable {
    var title: String
    var activity: Bool
    var action, cancelPath: String
}
