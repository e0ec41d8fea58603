import Fluent
import Foundation
import KrachtCore
import Vapor

/// A coordinator decides an open suggestion: accept (it goes into the draft at once, to be
/// published in the next version and credited there), merge it with another open one or an
/// accepted one not yet published (credited alongside it), or decline it with a reason. The proposer hears of it in their
/// digest (`PlanNotifications`); the decision is audited.
struct DecideSuggestion: Sendable {
    enum Decision: String, Sendable, CaseIterable {
        case accept, merge, decline
    }

    enum Outcome: Sendable, Equatable {
        case accepted, merged, declined
        case invalid(FormErrors)
        /// Decided before (a repeated post, or two coordinators at once): nothing changes.
        case alreadyDecided
        /// The section was removed from the draft: there is nothing to accept it into.
        case sectionGone
        /// Another text: the draft section changed since the version it was written on, so
        /// accepting would silently undo that change. Nothing changes; worked in by hand instead.
        case draftChanged
        case notFound
    }

    static let maxReason = 1_000

    let app: Application

    func run(
        _ suggestionID: UUID, plan planID: UUID, decision raw: String?, reason rawReason: String?, mergedInto rawTarget: String?,
        by coordinator: User, language: Language
    ) async throws -> Outcome {
        let app = self.app
        let coordinatorID = try coordinator.requireID()
        let t: @Sendable (String) -> String = { app.catalogue.text($0, in: language) }
        return try await app.db.writeTransaction { db -> Outcome in
            // The plan's row first, as proposing does: decisions on one plan take turns.
            guard let plan = try await Plan.locked(planID, on: db), let suggestion = try await PlanSuggestion.locked(suggestionID, on: db),
                suggestion.planID == planID
            else { return .notFound }
            guard suggestion.status == .open else { return .alreadyDecided }
            var errors = FormErrors()
            let decision = raw.flatMap(Decision.init(rawValue:))
            if decision == nil { errors.add("decision", t("plans.suggest.error.decision")) }
            let (reason, problem) = TextField.check(
                rawReason, required: decision == .merge || decision == .decline, maxLength: Self.maxReason, singleLine: false)
            if let problem { errors.add("reason", TextField.message(for: problem, maxLength: Self.maxReason, t)) }
            var target: PlanSuggestion?
            if decision == .merge {
                target = try await rawTarget.flatMap(UUID.init(uuidString:)).asyncMap { try await PlanSuggestion.locked($0, on: db) }
                if let found = target, found.planID != planID || found.id == suggestion.id || !Self.canMerge(into: found) {
                    target = nil
                }
                if target == nil { errors.add("merged_into", t("plans.suggest.error.merged_into")) }
            }
            guard errors.isEmpty, let decision else { return .invalid(errors) }

            let now = app.clock.now()
            switch decision {
            case .accept:
                switch try await Self.applyToDraft(suggestion, now: now, on: db) {
                case .applied: break
                case .sectionGone: return .sectionGone
                case .draftChanged: return .draftChanged
                }
                suggestion.status = .accepted
                plan.acceptedSuggestions += 1
                plan.draftChangedAt = now
                plan.updatedAt = now
                try await plan.save(on: db)
            case .merge:
                suggestion.status = .merged
                suggestion.mergedIntoID = target?.id
            case .decline:
                suggestion.status = .declined
            }
            suggestion.decisionReason = reason.isEmpty ? nil : reason
            suggestion.decidedBy = coordinatorID
            suggestion.decidedAt = now
            try await suggestion.save(on: db)
            try await AuditEvent.record(
                "plans.suggestion.\(decision.rawValue)", subject: "plan_suggestion:\(suggestionID)", by: coordinatorID, on: db)
            if let proposer = suggestion.userID {
                try await PlanNotifications.record(
                    .suggestionDecided, for: [proposer], planID: planID, subjectID: suggestionID, now: now, on: db)
            }
            switch decision {
            case .accept: return .accepted
            case .merge: return .merged
            case .decline: return .declined
            }
        }
    }

    /// A merge target: open, or accepted and not yet published, so the merged one is credited
    /// in the version that takes the target up (a published one's credits are fixed).
    static func canMerge(into target: PlanSuggestion) -> Bool {
        target.status == .open || (target.status == .accepted && target.appliedVersion == nil)
    }

    enum Applied { case applied, sectionGone, draftChanged }

    /// The section's text in the version the suggestion was written on; nil if not there.
    static func baseMarkdown(of suggestion: PlanSuggestion, on db: any Database) async throws -> String? {
        let base = try await PlanVersion.query(on: db).filter(\.$planID == suggestion.planID)
            .filter(\.$number == suggestion.baseVersion).first()
        return try base?.snapshot().section(suggestion.sectionID)?.markdown
    }

    /// Into the draft: a new activity at the end of its section, or the section's new text
    /// (only while the draft still has the text it was written on, or already has this one).
    static func applyToDraft(_ suggestion: PlanSuggestion, now: Date, on db: any Database) async throws -> Applied {
        guard let section = try await PlanSection.locked(suggestion.sectionID, on: db), section.removedAt == nil else {
            return .sectionGone
        }
        switch suggestion.kind {
        case .activity:
            let last = try await PlanActivity.query(on: db).filter(\.$sectionID == suggestion.sectionID).max(\.$position)
            let activity = PlanActivity(
                planID: suggestion.planID, sectionID: suggestion.sectionID, position: (last ?? -1) + 1, title: suggestion.title, now: now)
            activity.description = suggestion.body
            activity.timing = suggestion.timing
            activity.needs = suggestion.needs
            activity.domain = suggestion.domain
            activity.district = suggestion.district
            activity.suggestionID = suggestion.id
            try await activity.create(on: db)
        case .sectionText:
            if ProposeSuggestion.same(section.body, suggestion.body) { break }
            guard let base = try await baseMarkdown(of: suggestion, on: db), ProposeSuggestion.same(section.body, base) else {
                return .draftChanged
            }
            section.body = suggestion.body
            section.updatedAt = now
            try await section.save(on: db)
        }
        return .applied
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
