import Fluent
import Foundation
import KrachtCore
import Vapor

/// A section's form: its title and its Markdown text.
struct EditorSectionPage: Encodable {
    static let layout = FormLayout(
        id: "section-form",
        [
            .field("title", id: "section-title", label: "plans.editor.section_title"),
            .field("body", id: "section-body", label: "plans.editor.body"),
        ])

    var editing: Bool
    var planTitle, action, cancelPath: String
    var values: [String: String]
    var errors: FormErrors
    var maxBody = PlanFields.maxBody

    static func render(_ req: Request, plan: Plan, section: PlanSection?, form: SectionForm?, errors: FormErrors? = nil) async throws
        -> Response
    {
        let slug = Parameter<String>.value(plan.slug)
        let action =
            try section.map { PlansPath.editSection(slug, section: .value(try $0.requireID())).path } ?? PlansPath.newSection(slug).path
        let page = EditorSectionPage(
            editing: section != nil, planTitle: plan.draftTitleOrTitle, action: action + "#" + FormErrors.summaryAnchor,
            cancelPath: PlansPath.editPlan(slug).path,
            values: ["title": form?.title ?? section?.title ?? "", "body": form?.body ?? section?.body ?? ""],
            errors: errors.map { $0.on(layout) { req.t($0) } } ?? FormErrors())
        return try await req.render(
            "plans/editor-section", titleKey: section == nil ? "plans.editor.new_section_title" : "plans.editor.edit_section_title", page,
            status: errors == nil ? .ok : .badRequest, errors: errors, canonicalPath: action)
    }
}

/// An activity's form: what, more about it, who organises, when, what is needed, and the domain
/// and district from the reference data.
struct EditorActivityPage: Encodable {
    static let layout = FormLayout(
        id: "activity-form",
        [
            ("title", "plans.editor.activity_title"), ("description", "plans.editor.activity_description"),
            ("organiser", "plans.editor.activity_organiser"), ("timing", "plans.editor.activity_timing"),
            ("needs", "plans.editor.activity_needs"), ("domain", "plans.editor.activity_domain"),
            ("district", "plans.editor.activity_district"),
        ].map { .field($0.0, id: "activity-\($0.0)", label: $0.1) })

    struct Choice: Encodable {
        var value, label: String
        var selected: Bool
    }

    var editing: Bool
    var planTitle, sectionTitle, action, cancelPath: String
    var values: [String: String]
    var domains, districts: [Choice]
    var errors: FormErrors

    static func render(
        _ req: Request, plan: Plan, section: PlanSection, activity: PlanActivity?, form: ActivityForm, errors: FormErrors? = nil
    ) async throws -> Response {
        let slug = Parameter<String>.value(plan.slug)
        let action =
            try activity.map { PlansPath.editActivity(slug, activity: .value(try $0.requireID())).path }
            ?? PlansPath.newActivity(slug, section: .value(try section.requireID())).path
        let values = [
            "title": form.title ?? "", "description": form.description ?? "", "organiser": form.organiser ?? "",
            "timing": form.timing ?? "", "needs": form.needs ?? "", "domain": form.domain ?? "", "district": form.district ?? "",
        ]
        let english = req.language == .en
        let reference = req.application.reference
        let page = EditorActivityPage(
            editing: activity != nil, planTitle: plan.draftTitleOrTitle, sectionTitle: section.title,
            action: action + "#" + FormErrors.summaryAnchor, cancelPath: PlansPath.editPlan(slug).path, values: values,
            domains: reference.domains.map {
                Choice(value: $0.slug, label: english ? $0.nameEN : $0.nameNL, selected: values["domain"] == $0.slug)
            },
            districts: reference.districts.map { Choice(value: $0.code, label: $0.name, selected: values["district"] == $0.code) },
            errors: errors.map { $0.on(layout) { req.t($0) } } ?? FormErrors())
        return try await req.render(
            "plans/editor-activity", titleKey: activity == nil ? "plans.editor.new_activity_title" : "plans.editor.edit_activity_title",
            page, status: errors == nil ? .ok : .badRequest, errors: errors, canonicalPath: action)
    }
}
