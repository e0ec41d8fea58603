import Fluent
import Foundation
import KrachtCore
import Vapor

/// The suggestion form: a new activity or another text for one section of the latest version;
/// without a section, a choice of sections; for a section no longer in the plan, a message.
struct SuggestFormPage: Encodable {
    struct Choice: Encodable {
        var value, label: String
        var selected: Bool
    }
    struct SectionLink: Encodable {
        var title, activityPath, textPath: String
    }

    static let layout = FormLayout(
        id: "plans-suggest-form",
        ["title", "body", "timing", "needs", "domain", "district", "explanation"].map {
            .field($0, id: "plans-suggest-\($0)", label: "plans.suggest.form.\($0)")
        })

    var planTitle, planPath, action: String
    var kind: String
    var isActivity: Bool
    var sectionID: String?
    var sectionTitle: String?
    /// Not in the latest version: "Dit onderdeel staat niet meer in het plan".
    var gone: Bool
    /// No section given: the sections to choose from.
    var sections: [SectionLink]
    var values: [String: String]
    var domains, districts: [Choice]
    var errors: FormErrors
    var max: [String: Int]

    /// `values` nil: a fresh form (another text starts as the section's current Markdown).
    static func render(
        _ req: Request, plan: Plan, kind: PlanSuggestion.Kind, sectionID: UUID?, values typed: [String: String]? = nil,
        errors: FormErrors? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let slug = Parameter<String>.value(plan.slug)
        let snapshot = try await PlanAccess.latestVersion(of: plan, on: req.db)?.snapshot()
        let section = sectionID.flatMap { snapshot?.section($0) }
        var values = typed ?? [:]
        if typed == nil, kind == .sectionText, let section { values["body"] = section.markdown }
        let reference = req.application.reference
        let english = req.language == .en
        let laidOut = (errors ?? FormErrors()).isEmpty ? FormErrors() : errors!.on(layout) { req.t($0) }
        let page = SuggestFormPage(
            planTitle: snapshot?.title ?? plan.title, planPath: PlansPath.plan(slug).path,
            action: PlansPath.suggest(slug, section: section?.id, kind: kind.rawValue).path + "#" + FormErrors.summaryAnchor,
            kind: kind.rawValue, isActivity: kind == .activity,
            sectionID: section?.id.uuidString, sectionTitle: section?.title, gone: sectionID != nil && section == nil,
            sections: sectionID == nil
                ? (snapshot?.sections ?? []).map {
                    SectionLink(
                        title: $0.title,
                        activityPath: PlansPath.suggest(slug, section: $0.id, kind: PlanSuggestion.Kind.activity.rawValue).path,
                        textPath: PlansPath.suggest(slug, section: $0.id, kind: PlanSuggestion.Kind.sectionText.rawValue).path)
                } : [],
            values: values,
            domains: reference.domains.map {
                Choice(value: $0.slug, label: english ? $0.nameEN : $0.nameNL, selected: values["domain"] == $0.slug)
            },
            districts: reference.districts.map { Choice(value: $0.code, label: $0.name, selected: values["district"] == $0.code) },
            errors: laidOut,
            max: [
                "title": SuggestionInput.maxTitle, "description": SuggestionInput.maxDescription, "text": SuggestionInput.maxText,
                "timing": SuggestionInput.maxTiming, "needs": SuggestionInput.maxNeeds, "explanation": SuggestionInput.maxExplanation,
            ])
        let status = page.gone && status == .ok ? .notFound : status
        return try await req.render(
            "plans/suggest", titleKey: "plans.suggest.form.page_title", titleArguments: ["plan": page.planTitle], page, status: status,
            errors: laidOut, canonicalPath: PlansPath.suggest(slug, section: sectionID, kind: kind.rawValue).path)
    }
}

/// One suggestion as the list and its page show it.
struct SuggestionRow: Encodable {
    var title, path, kind, status, statusLabel, proposer, date: String
    var sectionTitle: String?
    var isOpen: Bool

    /// The proposer's name, the section titles from the draft, each in one query.
    static func load(_ suggestions: [PlanSuggestion], plan: Plan, req: Request) async throws -> [SuggestionRow] {
        let names = try await SuggestionCredits.names(for: suggestions.compactMap(\.id), on: req.db)
        let sectionIDs = Array(Set(suggestions.map(\.sectionID)))
        let sections = sectionIDs.isEmpty ? [] : try await PlanSection.query(on: req.db).filter(\.$id ~~ sectionIDs).all()
        let titles = Dictionary(sections.compactMap { s in s.id.map { ($0, s.title) } }, uniquingKeysWith: { first, _ in first })
        return suggestions.compactMap { suggestion in
            guard let id = suggestion.id else { return nil }
            return SuggestionRow(
                title: suggestion.title, path: PlansPath.suggestion(.value(plan.slug), id: .value(id)).path,
                kind: req.t("plans.suggest.kind.\(suggestion.kind.rawValue)"), status: suggestion.status.rawValue,
                statusLabel: req.t("plans.suggest.status.\(suggestion.status.rawValue)"),
                proposer: (names[id] ?? nil) ?? req.t("plans.suggest.deleted_account"),
                date: AmsterdamTime.date(suggestion.createdAt, in: req.language), sectionTitle: titles[suggestion.sectionID],
                isOpen: suggestion.status == .open)
        }
    }
}

/// A plan's suggestions: open ones first, then those decided, most recent first.
struct SuggestionsPage: Encodable {
    static let cap = 200

    var planTitle, planPath, proposePath: String
    var open, decided: [SuggestionRow]
    var canPropose: Bool

    static func load(_ plan: Plan, req: Request) async throws -> SuggestionsPage {
        let planID = try plan.requireID()
        let open = try await PlanSuggestion.query(on: req.db).filter(\.$planID == planID).filter(\.$status == .open)
            .sort(\.$createdAt, .descending).limit(cap).all()
        let decided = try await PlanSuggestion.query(on: req.db).filter(\.$planID == planID).filter(\.$status != .open)
            .sort(\.$decidedAt, .descending).sort(\.$createdAt, .descending).limit(cap).all()
        let slug = Parameter<String>.value(plan.slug)
        return SuggestionsPage(
            planTitle: plan.title, planPath: PlansPath.plan(slug).path, proposePath: PlansPath.suggest(slug).path,
            open: try await SuggestionRow.load(open, plan: plan, req: req),
            decided: try await SuggestionRow.load(decided, plan: plan, req: req), canPropose: plan.isPublished)
    }
}
