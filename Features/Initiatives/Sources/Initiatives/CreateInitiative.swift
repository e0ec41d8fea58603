import Fluent
import Foundation
import KrachtCore
import Vapor

/// A resident proposes an initiative through the form: checked by `InitiativeForm`, then
/// `ProposeInitiative` in one transaction (pending until a coordinator decides; mailed to them).
struct CreateInitiative: Sendable {
    enum Outcome: Sendable, Equatable {
        case created(slug: String)
        case alreadyProposed(slug: String)
        case invalid(FormErrors)
        case tooManyPending
        case rateLimited
    }

    let app: Application

    func run(_ form: InitiativeForm, by user: User, language: Language) async throws -> Outcome {
        let app = self.app
        let userID = try user.requireID()
        let valid: InitiativeForm.Valid
        switch form.validate(app.reference, { app.catalogue.text($0, in: language) }) {
        case .failure(let errors): return .invalid(errors)
        case .success(let checked): valid = checked
        }
        return try await app.db.writeTransaction { db -> Outcome in
            switch try await ProposeInitiative(app: app).run(valid, by: userID, on: db) {
            case .proposed(_, let slug): .created(slug: slug)
            case .alreadyProposed(let slug): .alreadyProposed(slug: slug)
            case .tooManyPending: .tooManyPending
            case .rateLimited: .rateLimited
            }
        }
    }
}

/// An organiser (or a coordinator) changes an initiative; its slug stays. A public initiative is
/// reindexed and its actions marked changed (matching reads its domains and area); the
/// under-the-flag count follows a changed flag. Once a coordinator has decided on it, only a
/// coordinator changes whether it runs under the movement's flag (the flag is what they vouch for).
struct EditInitiative: Sendable {
    enum Outcome: Sendable, Equatable {
        case saved(slug: String)
        case invalid(FormErrors)
        case notFound
    }

    let app: Application

    func run(_ form: InitiativeForm, initiativeID: UUID, by user: User, language: Language) async throws -> Outcome {
        let app = self.app
        let coordinator = try await user.roles(on: app.db).allow(.coordinator)
        let checked: InitiativeForm.Valid
        switch form.validate(app.reference, { app.catalogue.text($0, in: language) }) {
        case .failure(let errors): return .invalid(errors)
        case .success(let valid): checked = valid
        }
        return try await app.db.writeTransaction { db -> Outcome in
            guard let initiative = try await Initiative.locked(initiativeID, on: db) else { return .notFound }
            var valid = checked
            let wasUnderFlag = initiative.underFlag
            if Self.flagLocked(initiative, coordinator: coordinator) { valid.underFlag = wasUnderFlag }
            try await valid.apply(to: initiative, now: app.clock.now(), on: db)
            if initiative.status == .approved {
                if wasUnderFlag != initiative.underFlag {
                    try await InitiativeTotals.adjust(.underFlag, by: initiative.underFlag ? 1 : -1, on: db)
                }
                try await InitiativeSearch.reindex(initiative, reference: app.reference, on: db)
                try await InitiativeTotals.actionsChanged(on: db)
            }
            return .saved(slug: initiative.slug)
        }
    }

    /// Organisers set the flag while the initiative waits for review; after that it is a coordinator's.
    static func flagLocked(_ initiative: Initiative, coordinator: Bool) -> Bool {
        !coordinator && initiative.status != .pending
    }
}
