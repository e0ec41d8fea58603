import Fluent
import Foundation
import KrachtCore
import Vapor

/// A coordinator approves a pending initiative (it becomes public: counted, searchable, its
/// members connected, its idea converted through the decision hooks) or rejects it with a reason
/// mailed to its organisers. All in one transaction; a decided initiative stays as decided.
struct DecideInitiative: Sendable {
    enum Decision: Sendable, Equatable {
        case approve
        case reject(reason: String)
    }
    enum Outcome: Sendable, Equatable {
        case approved(slug: String)
        case rejected(slug: String)
        /// Someone decided first (or it was never pending): nothing changes.
        case alreadyDecided(Initiative.Status)
        case notFound
        case invalid(FormErrors)
    }

    static let maxReason = 1000

    let app: Application

    func run(_ decision: Decision, initiativeID: UUID, by coordinator: User, language: Language) async throws -> Outcome {
        let app = self.app
        let coordinatorID = try coordinator.requireID()
        var reason: String?
        if case .reject(let typed) = decision {
            let (text, problem) = TextField.check(typed, maxLength: Self.maxReason, singleLine: false)
            if let problem {
                var errors = FormErrors()
                errors.add(
                    "reason",
                    problem == .missing
                        ? app.catalogue.text("initiatives.admin.error.reason", in: language)
                        : TextField.message(for: problem, maxLength: Self.maxReason) { app.catalogue.text($0, in: language) })
                return .invalid(errors)
            }
            reason = text
        }
        let decided = reason
        return try await app.db.writeTransaction { db -> Outcome in
            let reason = decided
            guard let initiative = try await Initiative.locked(initiativeID, on: db) else { return .notFound }
            guard initiative.status == .pending else { return .alreadyDecided(initiative.status) }
            let now = app.clock.now()
            initiative.status = reason == nil ? .approved : .rejected
            initiative.rejectionReason = reason
            initiative.decidedBy = coordinatorID
            initiative.decidedAt = now
            initiative.updatedAt = now
            try await initiative.save(on: db)
            if reason == nil {
                try await InitiativeTotals.adjust(.publicInitiatives, by: 1, on: db)
                if initiative.underFlag { try await InitiativeTotals.adjust(.underFlag, by: 1, on: db) }
                try await Connections.countMembers(of: initiative, at: now, on: db)
                try await InitiativeTotals.actionsChanged(on: db)
            }
            try await InitiativeSearch.reindex(initiative, reference: app.reference, on: db)
            let event = InitiativeDecision(initiativeID: initiativeID, approved: reason == nil, at: now)
            for hook in app.initiativeDecisionHooks { try await hook(event, db) }
            try await Self.mailOrganisers(of: initiative, reason: reason, app: app, on: db)
            try await AuditEvent.record(
                reason == nil ? "initiatives.approved" : "initiatives.rejected", subject: "initiative:\(initiativeID)",
                by: coordinatorID, on: db)
            return reason == nil ? .approved(slug: initiative.slug) : .rejected(slug: initiative.slug)
        }
    }

    private static func mailOrganisers(of initiative: Initiative, reason: String?, app: Application, on db: any Database) async throws {
        let id = try initiative.requireID()
        let userIDs = try await InitiativeOrganiser.query(on: db).filter(\.$initiativeID == id).all().map(\.userID)
        guard !userIDs.isEmpty else { return }
        let link = InitiativesPath.initiative(.value(initiative.slug)).url(on: app)
        for user in try await User.query(on: db).filter(\.$id ~~ userIDs).all() {
            if let reason {
                try await app.mailer.enqueue(
                    to: user.email, language: user.preferredLanguage, subjectKey: "initiatives.mail.decision.rejected.subject",
                    subjectArguments: ["name": initiative.name], view: "initiatives/mail/rejected",
                    context: ["name": initiative.name, "reason": reason, "link": link], on: db)
            } else {
                try await app.mailer.enqueue(
                    to: user.email, language: user.preferredLanguage, subjectKey: "initiatives.mail.decision.approved.subject",
                    subjectArguments: ["name": initiative.name], view: "initiatives/mail/approved",
                    context: ["name": initiative.name, "link": link], on: db)
            }
        }
    }
}
