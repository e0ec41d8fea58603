import Fluent
import Foundation
import KrachtCore
import Vapor

/// Who someone is on an action's hours: an organiser of its initiative (or a coordinator), who
/// logs for anyone and decides; an accepted participant, who logs their own; or nobody.
enum HoursRole: Sendable, Equatable { case organiser, participant }

struct HoursScope: Sendable {
    let initiative: Initiative
    let action: InitiativeAction
    let userID: UUID
    let role: HoursRole

    enum Lookup: Sendable { case notFound, notAllowed, found(HoursScope) }

    /// The public initiative `slug` and its action `actionID`, if `user` has a part in them.
    static func load(slug: String, actionID: UUID, user: User, on db: any Database) async throws -> Lookup {
        guard let initiative = try await InitiativeAccess.initiative(slug: slug, on: db), initiative.isPublic,
            let action = try await InitiativeAction.find(actionID, on: db), action.initiativeID == initiative.id,
            action.status != .cancelled
        else { return .notFound }
        guard let role = try await role(of: user, in: initiative, action: action, on: db) else { return .notAllowed }
        return .found(HoursScope(initiative: initiative, action: action, userID: try user.requireID(), role: role))
    }

    static func role(of user: User, in initiative: Initiative, action: InitiativeAction, on db: any Database) async throws -> HoursRole? {
        let userID = try user.requireID()
        if try await InitiativeAccess.canManage(user, initiative, on: db) { return .organiser }
        let accepted = try await Participation.query(on: db)
            .filter(\.$actionID == action.requireID()).filter(\.$userID == userID).filter(\.$state == .accepted).first()
        return accepted == nil ? nil : .participant
    }

    /// The accepted participants an organiser may log hours for, by name.
    static func participants(of action: InitiativeAction, on db: any Database) async throws -> [(id: UUID, name: String)] {
        let ids = try await Participation.query(on: db)
            .filter(\.$actionID == action.requireID()).filter(\.$state == .accepted).limit(1000).all().compactMap(\.userID)
        guard !ids.isEmpty else { return [] }
        return try await User.query(on: db).filter(\.$id ~~ ids).sort(\.$name).all().map { (try $0.requireID(), $0.name) }
    }
}
