import Fluent
import Foundation
import KrachtCore
import Vapor

/// One suggestion: what is proposed (another text as a word diff against the version it was
/// written on), its status and the reason once decided, and for coordinators the decision form.
struct SuggestionPage: Encodable {
    /// The context of `plans/_words.leaf` (helper M's `WordsView` has this shape).
    struct Words: Encodable { var pieces: [WordDiff.Piece] }
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
    var diff: Words?
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
        var diff: Words?
        if suggestion.kind == .sectionText {
            let base = try await PlanVersion.query(on: req.db).filter(\.$planID == suggestion.planID)
                .filter(\.$number == suggestion.baseVersion).first()
            let old = try base?.snapshot().section(suggestion.sectionID)?.markdown ?? ""
            diff = Words(pieces: WordDiff.compare(old, suggestion.body))
        }
        let coordinator = try await PlanAccess.isCoordinator(req)
        let canDecide = coordinator && suggestion.status == .open
        var targets: [Choice] = []
        if canDecide {
            targets = try await PlanSuggestion.query(on: req.db).filter(\.$planID == suggestion.planID)
                .filter(\.$status ~~ [.open, .accepted]).filter(\.$id != id).sort(\.$createdAt, .descending).limit(200).all()
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
            diff: diff, reason: suggestion.decisionReason,
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
