import Fluent
import Foundation
import KrachtCore
import Vapor

/// A resident proposes an initiative: it waits, pending and unseen by the public, until a
/// coordinator decides; its creator is its first organiser (the initiator); every coordinator
/// is mailed a link to the queue. The same person posting the same name again while it waits
/// lands on the one they made.
struct CreateInitiative: Sendable {
    enum Outcome: Sendable, Equatable {
        case created(slug: String)
        case alreadyProposed(slug: String)
        case invalid(FormErrors)
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
            // Slugs are chosen by reading what is taken: one creation at a time (SQLite's write
            // transactions already take turns).
            if db.isPostgres { try await db.sql.raw("SELECT pg_advisory_xact_lock(1101)").run() }
            let mine = try await Initiative.query(on: db).filter(\.$createdBy == userID).filter(\.$status == .pending).all()
            if let earlier = mine.first(where: { $0.name.lowercased() == valid.name.lowercased() }) {
                return .alreadyProposed(slug: earlier.slug)
            }
            let now = app.clock.now()
            let initiative = Initiative()
            initiative.slug = try await InitiativeSlug.unique(for: valid.name, on: db)
            initiative.status = .pending
            initiative.createdBy = userID
            initiative.createdAt = now
            initiative.confirmedMinutes = 0
            initiative.peopleReached = 0
            initiative.peopleConnected = 0
            try await valid.apply(to: initiative, now: now, on: db)

            let organiser = InitiativeOrganiser()
            organiser.initiativeID = try initiative.requireID()
            organiser.userID = userID
            organiser.isInitiator = true
            organiser.addedAt = now
            try await organiser.create(on: db)

            for coordinator in try await Self.coordinators(on: db) {
                try await app.mailer.enqueue(
                    to: coordinator.email, language: coordinator.preferredLanguage, subjectKey: "initiatives.mail.organiser.new.subject",
                    view: "initiatives/mail/new-initiative",
                    context: ["name": initiative.name, "link": InitiativesPath.adminQueue.url(on: app)], on: db)
            }
            return .created(slug: initiative.slug)
        }
    }

    /// Everyone who holds the coordinator role itself.
    static func coordinators(on db: any Database) async throws -> [User] {
        let ids = try await RoleGrant.query(on: db).filter(\.$role == Role.coordinator.rawValue).all().map(\.$user.id)
        guard !ids.isEmpty else { return [] }
        return try await User.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
    }
}

/// An organiser (or a coordinator) changes an initiative; its slug stays. A public initiative is
/// reindexed and its actions marked changed (matching reads its domains and area); the
/// under-the-flag count follows a changed flag.
struct EditInitiative: Sendable {
    enum Outcome: Sendable, Equatable {
        case saved(slug: String)
        case invalid(FormErrors)
        case notFound
    }

    let app: Application

    func run(_ form: InitiativeForm, initiativeID: UUID, language: Language) async throws -> Outcome {
        let app = self.app
        let valid: InitiativeForm.Valid
        switch form.validate(app.reference, { app.catalogue.text($0, in: language) }) {
        case .failure(let errors): return .invalid(errors)
        case .success(let checked): valid = checked
        }
        return try await app.db.writeTransaction { db -> Outcome in
            guard let initiative = try await Initiative.locked(initiativeID, on: db) else { return .notFound }
            let wasUnderFlag = initiative.underFlag
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
}
