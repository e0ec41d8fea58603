import Fluent
import Foundation
import KrachtCore
import Vapor

/// One suggestion: what is proposed (another text as a word diff against the version it was
/// written on), its status and the reason once decided, and for coordinators the decision form.
struct SuggestionPage: Encodable {
    struct Link: Encodable { var title, path: String }
    struct Choice: Encodable {
        var value, label: String
        var selected: Bool
    }

    static let layout = FormLayout(
        id: "plans-decide-form",
        [
            .field("decision", id: "plans-decide-accept", label: "plans.suggest.decide.decision"),
            .field("merged_into", id: "plans-decide-merged-into", label: "plans.suggest.decide.merged_into"),
            .field("reason", id: "plans-decide-reason", label: "plans.suggest.decide.reason"),
        ])

    var row: SuggestionRow
    var planTitle, planPath, listPath: String
    var isActivity: Bool
    var body, explanation, timing, needs: String
    var domain, district: String?
    var baseVersion: Int
    var basePath: String?
    var diff: WordsView?
    /// For coordinators, when the draft section changed since the base version: the proposal
    /// against the draft's text, to work it in by hand (accepting is refused then).
    var draftDiff: WordsView?
    var reason: String?
    var decidedDate: String?
    var mergedInto: Link?
    var appliedVersion: Int?
    var appliedPath: String?
    /// For coordinators while it is open.
    var canDecide: Bool
    var decideAction: String
    var targets: [Choice]
    var values: [String: String]
    var errors: FormErrors
    var maxReason: Int

    static func render(
        _ req: Request, plan: Plan, suggestion: PlanSuggestion, values: [String: String] = [:], errors: FormErrors? = nil,
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let id = try suggestion.requireID()
        let slug = Parameter<String>.value(plan.slug)
        let row = try await SuggestionRow.load([suggestion], plan: plan, req: req)[0]
        let coordinator = try await PlanAccess.isCoordinator(req)
        let canDecide = coordinator && suggestion.status == .open
        var diff: WordsView?
        var draftDiff: WordsView?
        if suggestion.kind == .sectionText {
            let old = try await DecideSuggestion.baseMarkdown(of: suggestion, on: req.db) ?? ""
            diff = WordsView(old: old, new: suggestion.body)
            if canDecide, let draft = try await PlanSection.find(suggestion.sectionID, on: req.db), draft.removedAt == nil,
                !ProposeSuggestion.same(draft.body, old), !ProposeSuggestion.same(draft.body, suggestion.body)
            {
                draftDiff = WordsView(old: draft.body, new: suggestion.body)
            }
        }
        var targets: [Choice] = []
        if canDecide {
            // The same targets `DecideSuggestion.canMerge` allows.
            targets = try await PlanSuggestion.query(on: req.db).filter(\.$planID == suggestion.planID)
                .group(.or) { either in
                    either.filter(\.$status == .open)
                    either.group(.and) { $0.filter(\.$status == .accepted).filter(\.$appliedVersion == nil) }
                }
                .filter(\.$id != id).sort(\.$createdAt, .descending).limit(200).all()
                .compactMap { other in
                    other.id.map { Choice(value: $0.uuidString, label: other.title, selected: values["merged_into"] == $0.uuidString) }
                }
        }
        let target = try await suggestion.mergedIntoID.asyncFlatMap { try await PlanSuggestion.find($0, on: req.db) }
        let reference = req.application.reference
        let laidOut = (errors ?? FormErrors()).isEmpty ? FormErrors() : errors!.on(layout) { req.t($0) }
        let page = SuggestionPage(
            row: row, planTitle: plan.title, planPath: PlansPath.plan(slug).path, listPath: PlansPath.suggestions(slug).path,
            isActivity: suggestion.kind == .activity, body: suggestion.body, explanation: suggestion.explanation,
            timing: suggestion.timing, needs: suggestion.needs,
            domain: suggestion.domain.flatMap { slug in
                reference.domains.first { $0.slug == slug }.map { req.language == .en ? $0.nameEN : $0.nameNL }
            },
            district: suggestion.district.flatMap { code in reference.districts.first { $0.code == code }?.name },
            baseVersion: suggestion.baseVersion,
            basePath: suggestion.baseVersion > 0 ? PlansPath.version(slug, number: .value(suggestion.baseVersion)).path : nil,
            diff: diff, draftDiff: draftDiff, reason: suggestion.decisionReason,
            decidedDate: suggestion.decidedAt.map { AmsterdamTime.date($0, in: req.language) },
            mergedInto: target.flatMap { t in t.id.map { Link(title: t.title, path: PlansPath.suggestion(slug, id: .value($0)).path) } },
            appliedVersion: suggestion.appliedVersion,
            appliedPath: suggestion.appliedVersion.map { PlansPath.version(slug, number: .value($0)).path },
            canDecide: canDecide,
            decideAction: PlansPath.decideSuggestion(slug, id: .value(id)).path + "#" + FormErrors.summaryAnchor,
            targets: targets, values: values, errors: laidOut, maxReason: DecideSuggestion.maxReason)
        return try await req.render(
            "plans/suggestion", titleKey: "plans.suggest.page.title", titleArguments: ["title": suggestion.title], page,
            status: status, errors: laidOut, canonicalPath: PlansPath.suggestion(slug, id: .value(id)).path)
    }
}

extension Optional {
    fileprivate func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
