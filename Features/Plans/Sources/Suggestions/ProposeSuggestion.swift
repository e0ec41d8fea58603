import Fluent
import Foundation
import KrachtCore
import Vapor

/// What a resident typed in the suggestion form: a new activity for a section, or another text
/// for it (the whole new Markdown) with a one-line summary.
struct SuggestionInput: Sendable {
    var kind: PlanSuggestion.Kind
    var sectionID: UUID
    var title, body, timing, needs, domain, district, explanation: String?

    static let maxTitle = 200
    static let maxDescription = 5_000
    static let maxText = 50_000
    static let maxTiming = 200
    static let maxNeeds = 500
    static let maxExplanation = 2_000
}

/// A resident proposes a new activity or another text for a section of a published plan. It is
/// written against the latest version (`baseVersion`); the same proposal sent twice is one.
struct ProposeSuggestion: Sendable {
    enum Outcome: Sendable, Equatable {
        /// `again`: the same proposal was already there (a double click, a repeated post).
        case proposed(UUID, again: Bool)
        case invalid(FormErrors)
        /// The section is not in the latest published version (or the plan was never published).
        case sectionGone
        /// Another text that is the same as the current one.
        case unchanged
        case rateLimited
    }

    /// A person proposes a few things at a time; more in an hour is a runaway form or a flood.
    static let limiter = RateLimiter(name: "plans-suggest", limit: 5, window: 3600)

    let app: Application

    func run(_ input: SuggestionInput, plan planID: UUID, by user: User, language: Language) async throws -> Outcome {
        let app = self.app
        let userID = try user.requireID()
        let t: @Sendable (String) -> String = { app.catalogue.text($0, in: language) }
        return try await app.db.writeTransaction { db -> Outcome in
            // Every proposal and decision on a plan takes its turn on the plan's row.
            guard let plan = try await Plan.locked(planID, on: db), let version = try await PlanAccess.latestVersion(of: plan, on: db),
                let current = try version.snapshot().section(input.sectionID)
            else { return .sectionGone }
            let checked = Self.check(input, reference: app.reference, t: t)
            guard let suggestion = checked.suggestion else { return .invalid(checked.errors) }
            if input.kind == .sectionText, Self.same(suggestion.body, current.markdown) { return .unchanged }
            let twin = try await PlanSuggestion.query(on: db).filter(\.$planID == planID).filter(\.$userID == userID)
                .filter(\.$sectionID == input.sectionID).filter(\.$kind == input.kind).filter(\.$status == .open)
                .filter(\.$title == suggestion.title).sort(\.$createdAt, .descending).limit(20).all()
                .first { $0.body == suggestion.body && $0.explanation == suggestion.explanation }
            if let twin { return .proposed(try twin.requireID(), again: true) }
            guard try await Self.limiter.hit(userID.uuidString, now: app.clock.now(), on: db) else { return .rateLimited }
            suggestion.planID = planID
            suggestion.sectionID = input.sectionID
            suggestion.baseVersion = plan.publishedVersion
            suggestion.userID = userID
            suggestion.status = .open
            suggestion.createdAt = app.clock.now()
            try await suggestion.create(on: db)
            return .proposed(try suggestion.requireID(), again: false)
        }
    }

    /// Texts compared as a reader sees them: line endings and the spaces around them do not count.
    static func same(_ a: String, _ b: String) -> Bool {
        let normal = { (text: String) in
            text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return normal(a) == normal(b)
    }

    /// The fields checked for the kind; the suggestion's own fields filled, or the errors.
    static func check(_ input: SuggestionInput, reference: ReferenceData, t: (String) -> String) -> (
        suggestion: PlanSuggestion?, errors: FormErrors
    ) {
        var errors = FormErrors()
        func text(_ name: String, _ value: String?, max: Int, required: Bool, singleLine: Bool) -> String {
            let (text, problem) = TextField.check(value, required: required, maxLength: max, singleLine: singleLine)
            if let problem { errors.add(name, TextField.message(for: problem, maxLength: max, t)) }
            return text
        }
        let suggestion = PlanSuggestion()
        suggestion.kind = input.kind
        suggestion.timing = ""
        suggestion.needs = ""
        switch input.kind {
        case .activity:
            suggestion.title = text("title", input.title, max: SuggestionInput.maxTitle, required: true, singleLine: true)
            suggestion.body = text("body", input.body, max: SuggestionInput.maxDescription, required: true, singleLine: false)
            suggestion.timing = text("timing", input.timing, max: SuggestionInput.maxTiming, required: false, singleLine: true)
            suggestion.needs = text("needs", input.needs, max: SuggestionInput.maxNeeds, required: false, singleLine: false)
            let domain = input.domain.flatMap { $0.isEmpty ? nil : $0 }
            if let domain, !reference.domains.contains(where: { $0.slug == domain }) {
                errors.add("domain", t("plans.suggest.error.domain"))
            }
            let district = input.district.flatMap { $0.isEmpty ? nil : $0 }
            if let district, !reference.districts.contains(where: { $0.code == district }) {
                errors.add("district", t("plans.suggest.error.district"))
            }
            suggestion.domain = domain
            suggestion.district = district
        case .sectionText:
            suggestion.title = text("title", input.title, max: SuggestionInput.maxTitle, required: true, singleLine: true)
            suggestion.body = text("body", input.body, max: SuggestionInput.maxText, required: true, singleLine: false)
        }
        suggestion.explanation = text(
            "explanation", input.explanation, max: SuggestionInput.maxExplanation, required: false, singleLine: false)
        return errors.isEmpty ? (suggestion, errors) : (nil, errors)
    }
}
