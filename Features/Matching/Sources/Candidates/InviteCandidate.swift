import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

/// An organiser invites a findable resident to their action: a platform message with a link to
/// the action (`Conversations.send`), never an address either way. Once per person and action.
struct InviteCandidate: Sendable {
    enum Outcome: Sendable, Equatable {
        case invited, alreadyInvited, notFindable, actionNotOpen, initiativeNotApproved, rateLimited, invalid(String)
    }

    /// Per organiser, on top of the messages' own limit: invitations are the easiest to overdo.
    static let limiter = RateLimiter(name: "matching.invite", limit: 30, window: 3600)

    let app: Application

    func run(by organiser: User, invite userID: UUID?, to action: InitiativeAction, of initiative: Initiative) async throws -> Outcome {
        let organiserID = try organiser.requireID()
        let actionID = try action.requireID()
        // Pending or rejected initiatives do not recruit: nobody could join their actions yet.
        guard initiative.status == .approved else { return .initiativeNotApproved }
        // An invitation to something one can no longer join only disappoints.
        guard action.status == .open, !action.isFull else { return .actionNotOpen }
        guard let userID, userID != organiserID,
            let profile = try await ResidentProfile.query(on: app.db).filter(\.$userID == userID).first(), profile.findable,
            let recipient = try await User.find(userID, on: app.db)
        else { return .notFindable }
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            // The action's row lock makes two clicks at once one invitation.
            _ = try await InitiativeAction.locked(actionID, on: db)
            let earlier = try await PlatformMessage.query(on: db).filter(\.$senderID == organiserID).filter(\.$recipientID == userID)
                .filter(\.$topic == .action).filter(\.$topicID == actionID).count()
            guard earlier == 0 else { return .alreadyInvited }
            guard try await Self.limiter.hit(organiserID.uuidString, now: now, on: db) else { return .rateLimited }
            let language = recipient.preferredLanguage
            let body = app.catalogue.text(
                "matching.candidates.invite_body", in: language,
                [
                    "name": PublicName.short(organiser.name), "initiative": initiative.name, "action": action.title,
                    "link": InitiativesPath.action(.value(initiative.slug), action: .value(actionID)).url(on: app),
                ])
            switch try await Conversations.send(
                from: organiser, to: userID, topic: .action, topicID: actionID, body: body, app: app, on: db)
            {
            case .sent: return .invited
            case .rateLimited: return .rateLimited
            case .notAllowed: return .notFindable
            case .invalid(let key): return .invalid(key)
            }
        }
    }
}
