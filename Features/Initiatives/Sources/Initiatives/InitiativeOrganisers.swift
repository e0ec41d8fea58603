import Fluent
import Foundation
import KrachtCore
import Vapor

/// An organiser adds a co-organiser by the address of their account. The answer is the same
/// whether or not an account exists ("if there is an account, …"), so the form cannot be used to
/// find out who has one; the account holder gets a mail. A cap and a rate limit keep it small.
struct AddOrganiser: Sendable {
    enum Outcome: Sendable, Equatable {
        /// Added, already one, or no such account: one answer for all three.
        case done
        case invalid(FormErrors)
        case tooMany
        case rateLimited
    }

    static let maxOrganisers = 20
    static let limiter = RateLimiter(name: "initiative-organiser-add", limit: 30, window: 3600)

    let app: Application

    func run(email raw: String, initiativeID: UUID, by user: User, language: Language) async throws -> Outcome {
        let app = self.app
        let userID = try user.requireID()
        let email = raw.trimmingCharacters(in: .whitespaces)
        guard EmailAddress.isValid(email) else {
            var errors = FormErrors()
            errors.add("email", app.catalogue.text("initiatives.page.organisers.error.email", in: language))
            return .invalid(errors)
        }
        return try await app.db.writeTransaction { db -> Outcome in
            let now = app.clock.now()
            guard try await Self.limiter.hit(userID.uuidString, now: now, on: db) else { return .rateLimited }
            guard let initiative = try await Initiative.locked(initiativeID, on: db) else { return .done }
            // The cap comes before the account lookup: "too many" must not depend on whether the
            // address has an account.
            let count = try await InitiativeOrganiser.query(on: db).filter(\.$initiativeID == initiativeID).count()
            guard count < Self.maxOrganisers else { return .tooMany }
            guard let account = try await User.find(email: email, on: db), let accountID = account.id else { return .done }
            guard try await !InitiativeAccess.isOrganiser(accountID, of: initiativeID, on: db) else { return .done }
            let organiser = InitiativeOrganiser()
            organiser.initiativeID = initiativeID
            organiser.userID = accountID
            organiser.isInitiator = false
            organiser.addedAt = now
            try await organiser.create(on: db)
            try await app.mailer.enqueue(
                to: account.email, language: account.preferredLanguage, subjectKey: "initiatives.mail.organiser.added.subject",
                subjectArguments: ["name": initiative.name], view: "initiatives/mail/organiser-added",
                context: ["name": initiative.name, "link": InitiativesPath.initiative(.value(initiative.slug)).url(on: app)], on: db)
            try await AuditEvent.record(
                "initiatives.organiser.added", subject: "initiative:\(initiativeID)", details: "user:\(accountID)", by: userID, on: db)
            return .done
        }
    }
}

/// An organiser removes one (themselves too), never the last one: an initiative always has someone running it.
struct RemoveOrganiser: Sendable {
    enum Outcome: Sendable, Equatable { case removed, lastOrganiser, notAnOrganiser }

    let app: Application

    func run(userID removed: UUID, initiativeID: UUID, by user: User) async throws -> Outcome {
        let by = try user.requireID()
        return try await app.db.writeTransaction { db -> Outcome in
            // The lock makes two removals take turns, so they cannot leave none.
            guard try await Initiative.locked(initiativeID, on: db) != nil else { return .notAnOrganiser }
            let organisers = try await InitiativeOrganiser.query(on: db).filter(\.$initiativeID == initiativeID).all()
            guard let row = organisers.first(where: { $0.userID == removed }) else { return .notAnOrganiser }
            guard organisers.count > 1 else { return .lastOrganiser }
            try await row.delete(on: db)
            try await AuditEvent.record(
                "initiatives.organiser.removed", subject: "initiative:\(initiativeID)", details: "user:\(removed)", by: by, on: db)
            return .removed
        }
    }
}
