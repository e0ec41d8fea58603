import Fluent
import Foundation
import KrachtCore
import Vapor

/// "Ik doe mee": a signed-in resident asks to join an open action; each organiser is mailed to
/// decide. One ask per resident and action (unique index), however often or concurrently posted.
struct JoinAction: Sendable {
    enum Outcome: Sendable, Equatable {
        case asked
        case alreadyAsked
        case alreadyIn
        case full, closed
        /// The resident organises this initiative: they run the action, they do not join it.
        case organiser
        /// More new asks in an hour than anyone needs: each one mails the organisers.
        case tooMany
        case invalid(FormErrors)
        case notFound
    }

    static let maxMessage = 500
    static let limiter = RateLimiter(name: "initiatives-join", limit: 30, window: 3600)

    let app: Application

    func run(_ actionID: UUID, message: String?, by user: User, language: Language) async throws -> Outcome {
        let app = self.app
        let (text, problem) = TextField.check(message, required: false, maxLength: Self.maxMessage, singleLine: false)
        if let problem {
            var errors = FormErrors()
            errors.add("message", TextField.message(for: problem, maxLength: Self.maxMessage) { app.catalogue.text($0, in: language) })
            return .invalid(errors)
        }
        let userID = try user.requireID()
        let now = app.clock.now()
        do {
            return try await app.db.writeTransaction { db -> Outcome in
                // The action's lock makes two asks of one resident take turns: the second sees the first.
                guard let action = try await InitiativeAction.locked(actionID, on: db),
                    let initiative = try await Initiative.find(action.initiativeID, on: db), initiative.isPublic
                else { return .notFound }
                let existing = try await Participation.query(on: db).filter(\.$actionID == actionID).filter(\.$userID == userID).first()
                switch existing?.state {
                case .accepted: return .alreadyIn
                case .requested, .declined: return .alreadyAsked
                case .withdrawn, nil: break
                }
                guard action.status == .open, initiative.status == .approved else { return .closed }
                guard try await !InitiativeAccess.isOrganiser(userID, of: action.initiativeID, on: db) else { return .organiser }
                guard !action.isFull else { return .full }
                guard try await Self.limiter.hit(userID.uuidString, now: now, on: db) else { return .tooMany }
                let participation = existing ?? Participation()
                participation.actionID = actionID
                participation.initiativeID = action.initiativeID
                participation.userID = userID
                participation.state = .requested
                participation.message = text.isEmpty ? nil : text
                participation.createdAt = now
                participation.decidedAt = nil
                participation.decidedBy = nil
                try await participation.save(on: db)
                try await tellOrganisers(action, initiative, resident: user, message: participation.message, on: db)
                return .asked
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two asks at the very same moment on SQLite: the unique index let one in.
            return .alreadyAsked
        }
    }

    private func tellOrganisers(
        _ action: InitiativeAction, _ initiative: Initiative, resident: User, message: String?, on db: any Database
    ) async throws {
        let organiserIDs = try await InitiativeAccess.organiserIDs(of: try initiative.requireID(), on: db)
        let organisers = try await User.query(on: db).filter(\.$id ~~ organiserIDs).all()
        let link = InitiativesPath.action(.value(initiative.slug), action: .value(try action.requireID())).url(on: app)
        for organiser in organisers {
            try await app.mailer.enqueue(
                to: organiser.email, language: organiser.preferredLanguage, subjectKey: "initiatives.mail.join.subject",
                subjectArguments: ["action": action.title], view: "initiatives/actions/mail-join",
                context: [
                    "name": organiser.name, "resident": resident.name, "action": action.title, "initiative": initiative.name,
                    "message": message ?? "", "link": link,
                ], on: db)
        }
    }

    /// The resident takes back their ask, or leaves an action they were accepted on (freeing the place).
    func withdraw(_ actionID: UUID, by user: User) async throws -> Bool {
        let userID = try user.requireID()
        return try await app.db.writeTransaction { db -> Bool in
            guard let action = try await InitiativeAction.locked(actionID, on: db) else { return false }
            guard
                let participation = try await Participation.query(on: db).filter(\.$actionID == actionID)
                    .filter(\.$userID == userID).first(), [.requested, .accepted].contains(participation.state)
            else { return false }
            if participation.state == .accepted {
                action.acceptedCount = max(0, action.acceptedCount - 1)
                action.updatedAt = app.clock.now()
                try await action.save(on: db)
                try await InitiativeTotals.actionsChanged(on: db)
            }
            participation.state = .withdrawn
            try await participation.save(on: db)
            return true
        }
    }
}
