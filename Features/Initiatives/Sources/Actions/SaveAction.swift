import Fluent
import Foundation
import KrachtCore
import Vapor

/// An organiser (or a coordinator) creates or edits one of the initiative's actions, or closes it.
/// Every change tells matching its catalogue is stale (`actionsChanged`).
struct SaveAction: Sendable {
    enum Outcome: Sendable, Equatable {
        case saved(UUID)
        case invalid(FormErrors)
        /// Fewer places than people already accepted.
        case belowAccepted(Int)
        case closed
        case notOrganiser
        case notFound
    }

    let app: Application

    func run(
        _ input: ActionInput, initiative initiativeID: UUID, action actionID: UUID?, by user: User, language: Language
    ) async throws -> Outcome {
        let app = self.app
        let now = app.clock.now()
        let t: @Sendable (String, [String: String]) -> String = { app.catalogue.text($0, in: language, $1) }
        let (draft, errors) = input.check(now: now, reference: app.reference, t: t)
        guard let draft else { return .invalid(errors) }
        let userID = try user.requireID()
        return try await app.db.writeTransaction { db -> Outcome in
            guard let initiative = try await Initiative.find(initiativeID, on: db) else { return .notFound }
            guard try await InitiativeAccess.canManage(user, of: initiativeID, on: db) else { return .notOrganiser }
            guard [.pending, .approved].contains(initiative.status) else { return .closed }
            let action: InitiativeAction
            if let actionID {
                guard let existing = try await InitiativeAction.locked(actionID, on: db), existing.initiativeID == initiativeID else {
                    return .notFound
                }
                guard draft.places >= existing.acceptedCount else { return .belowAccepted(existing.acceptedCount) }
                action = existing
            } else {
                action = InitiativeAction()
                action.initiativeID = initiativeID
                action.acceptedCount = 0
                action.status = .open
                action.createdBy = userID
                action.createdAt = now
            }
            action.title = draft.title
            action.description = draft.description
            action.kind = draft.kind
            action.minutesNeeded = draft.minutes
            action.startsAt = draft.startsAt
            action.weekday = draft.weekday
            action.dayPart = draft.dayPart?.rawValue
            action.slots = draft.slots
            action.online = draft.online
            action.district = draft.district
            action.area = draft.area
            action.languages = draft.languages
            action.places = draft.places
            action.updatedAt = now
            try await action.save(on: db)
            let id = try action.requireID()
            let skills = try await SkillList.resolve(draft.skills, at: now, on: db)
            try await ActionSkill.query(on: db).filter(\.$actionID == id).delete()
            for skill in skills { try await ActionSkill(actionID: id, skillID: try skill.requireID()).create(on: db) }
            try await InitiativeTotals.actionsChanged(on: db)
            return .saved(id)
        }
    }

    /// Closes an open action: no one can ask to join any more; who was accepted stays.
    func close(_ actionID: UUID, initiative initiativeID: UUID, by user: User) async throws -> Outcome {
        try await app.db.writeTransaction { db -> Outcome in
            guard let action = try await InitiativeAction.locked(actionID, on: db), action.initiativeID == initiativeID else {
                return .notFound
            }
            guard try await InitiativeAccess.canManage(user, of: initiativeID, on: db) else { return .notOrganiser }
            guard action.status == .open else { return .saved(actionID) }
            action.status = .closed
            action.updatedAt = app.clock.now()
            try await action.save(on: db)
            try await InitiativeTotals.actionsChanged(on: db)
            return .saved(actionID)
        }
    }
}
