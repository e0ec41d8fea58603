import Fluent
import Foundation
import KrachtCore
import Vapor

/// Who may run an initiative's actions: its organisers, or a coordinator. Checked in every command
/// and page, since the right belongs to one initiative and no route role can say it.
enum ActionAccess {
    static func isOrganiser(_ user: User?, of initiativeID: UUID, on db: any Database) async throws -> Bool {
        guard let user, let userID = user.id else { return false }
        if try await InitiativeOrganiser.query(on: db).filter(\.$initiativeID == initiativeID).filter(\.$userID == userID).first() != nil {
            return true
        }
        return try await user.roles(on: db).allow(.coordinator)
    }

    static func organiserIDs(of initiativeID: UUID, on db: any Database) async throws -> [UUID] {
        try await InitiativeOrganiser.query(on: db).filter(\.$initiativeID == initiativeID).all().map(\.userID)
    }

    /// The initiative named by the route's slug; 404 when there is none.
    static func initiative(_ req: Request) async throws -> Initiative {
        guard let slug = req.parameters.get("slug"), slug.count <= 200,
            let initiative = try await Initiative.query(on: req.db).filter(\.$slug == slug).first()
        else { throw Abort(.notFound) }
        return initiative
    }

    /// The route's action of the route's initiative; 404 when either is missing or they do not belong together.
    static func action(_ req: Request, of initiative: Initiative) async throws -> InitiativeAction {
        guard let id = req.parameters.get("action").flatMap(UUID.init(uuidString:)),
            let action = try await InitiativeAction.find(id, on: req.db), action.initiativeID == initiative.id
        else { throw Abort(.notFound) }
        return action
    }

    /// An initiative's page and actions are seen by everyone once it is public, before that only
    /// by its organisers and coordinators (404 for anyone else, as if it did not exist).
    static func requireVisible(_ initiative: Initiative, to user: User?, on db: any Database) async throws {
        if initiative.isPublic { return }
        guard try await isOrganiser(user, of: try initiative.requireID(), on: db) else { throw Abort(.notFound) }
    }

    /// An organiser's page: 403 for a signed-in person who is not one of this initiative's.
    static func requireOrganiser(_ req: Request, of initiative: Initiative) async throws -> User {
        let user = try req.requireUser()
        guard try await isOrganiser(user, of: try initiative.requireID(), on: req.db) else { throw Abort(.forbidden) }
        return user
    }
}
