import Fluent
import Foundation
import KrachtCore
import Vapor

/// An organiser of the initiative accepts or declines one resident's ask. Accepting takes a
/// place (refused when none is left) and connects the resident to the initiative, counted once
/// (`Connections`); the resident is mailed either way.
struct DecideParticipation: Sendable {
    enum Decision: String, Sendable { case accept, decline }

    enum Outcome: Sendable, Equatable {
        case accepted, declined
        case full
        /// Withdrawn, or decided the other way before.
        case notPending
        case invalid(FormErrors)
        case notOrganiser
        case notFound
    }

    let app: Application

    func run(
        _ participationID: UUID, action actionID: UUID, decision: Decision?, message: String?, by organiser: User, language: Language
    ) async throws -> Outcome {
        let app = self.app
        let t: @Sendable (String) -> String = { app.catalogue.text($0, in: language) }
        var errors = FormErrors()
        if decision == nil { errors.add("decision", t("initiatives.join.error.decision")) }
        let (note, problem) = TextField.check(message, required: false, maxLength: JoinAction.maxMessage, singleLine: false)
        if let problem { errors.add("message", TextField.message(for: problem, maxLength: JoinAction.maxMessage, t)) }
        guard errors.isEmpty, let decision else { return .invalid(errors) }
        let organiserID = try organiser.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db -> Outcome in
            guard let action = try await InitiativeAction.locked(actionID, on: db),
                let participation = try await Participation.find(participationID, on: db), participation.actionID == actionID,
                let initiative = try await Initiative.find(action.initiativeID, on: db)
            else { return .notFound }
            guard try await InitiativeAccess.canManage(organiser, of: action.initiativeID, on: db) else { return .notOrganiser }
            switch (participation.state, decision) {
            case (.accepted, .accept): return .accepted
            case (.declined, .decline): return .declined
            case (.requested, _): break
            default: return .notPending
            }
            if decision == .accept {
                guard !action.isFull else { return .full }
                action.acceptedCount += 1
                action.updatedAt = now
                try await action.save(on: db)
                if let userID = participation.userID {
                    try await Connections.connect(userID, to: initiative, via: .action, at: now, on: db)
                }
                try await InitiativeTotals.actionsChanged(on: db)
            }
            participation.state = decision == .accept ? .accepted : .declined
            participation.decidedAt = now
            participation.decidedBy = organiserID
            try await participation.save(on: db)
            if let userID = participation.userID, let resident = try await User.find(userID, on: db) {
                try await tell(resident, decision, action, initiative, note: note, organiser: organiser, on: db)
            }
            return decision == .accept ? .accepted : .declined
        }
    }

    private func tell(
        _ resident: User, _ decision: Decision, _ action: InitiativeAction, _ initiative: Initiative, note: String,
        organiser: User, on db: any Database
    ) async throws {
        let language = resident.preferredLanguage
        let link = InitiativesPath.action(.value(initiative.slug), action: .value(try action.requireID())).url(on: app)
        let facts = ActionFacts(action, reference: app.reference, t: { app.catalogue.text($0, in: language, $1) }, language: language)
        try await app.mailer.enqueue(
            to: resident.email, language: language,
            subjectKey: decision == .accept ? "initiatives.mail.join.accepted_subject" : "initiatives.mail.join.declined_subject",
            subjectArguments: ["action": action.title],
            view: decision == .accept ? "initiatives/actions/mail-accepted" : "initiatives/actions/mail-declined",
            context: [
                "name": resident.name, "organiser": organiser.name, "action": action.title, "initiative": initiative.name,
                "message": note, "when": facts.when, "place": facts.place, "link": link,
            ], on: db)
    }
}
