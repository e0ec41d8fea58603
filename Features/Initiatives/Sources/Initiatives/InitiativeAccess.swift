import Fluent
import Foundation
import KrachtCore
import Vapor

/// Who may see and who may run one initiative — the one check for initiatives, their actions,
/// hours and candidates. Its organisers and coordinators see it in every state; everyone else
/// only once it is public, and otherwise gets a 404 that does not tell whether it exists. Running
/// it (editing, organisers, actions, hours, candidates) is for an organiser of THAT initiative or
/// a coordinator: no route role can say this, so every command and page asks here.
public enum InitiativeAccess {
    public static func initiative(slug: String, on db: any Database) async throws -> Initiative? {
        guard slug.count <= InitiativeSlug.maxLength else { return nil }
        return try await Initiative.query(on: db).filter(\.$slug == slug).first()
    }

    /// The initiative named by the route's slug; 404 when there is none.
    public static func initiative(_ req: Request) async throws -> Initiative {
        guard let initiative = try await initiative(slug: try slugParameter(req), on: req.db) else { throw Abort(.notFound) }
        return initiative
    }

    /// The route's action of this initiative; 404 when it is missing or belongs to another.
    public static func action(_ req: Request, of initiative: Initiative) async throws -> InitiativeAction {
        guard let id = req.parameters.get("action").flatMap(UUID.init(uuidString:)),
            let action = try await InitiativeAction.find(id, on: req.db), action.initiativeID == initiative.id
        else { throw Abort(.notFound) }
        return action
    }

    public static func isOrganiser(_ userID: UUID, of initiativeID: UUID, on db: any Database) async throws -> Bool {
        try await InitiativeOrganiser.query(on: db).filter(\.$initiativeID == initiativeID).filter(\.$userID == userID).count() > 0
    }

    public static func organiserIDs(of initiativeID: UUID, on db: any Database) async throws -> [UUID] {
        try await InitiativeOrganiser.query(on: db).filter(\.$initiativeID == initiativeID).all().map(\.userID)
    }

    /// An organiser of this initiative, or a coordinator.
    public static func canManage(_ user: User?, of initiativeID: UUID, on db: any Database) async throws -> Bool {
        guard let user, let userID = user.id else { return false }
        if try await isOrganiser(userID, of: initiativeID, on: db) { return true }
        return try await user.roles(on: db).allow(.coordinator)
    }

    public static func canManage(_ user: User?, _ initiative: Initiative, on db: any Database) async throws -> Bool {
        try await canManage(user, of: try initiative.requireID(), on: db)
    }

    /// 404 unless the initiative is public or `user` runs it.
    public static func requireVisible(_ initiative: Initiative, to user: User?, on db: any Database) async throws {
        if initiative.isPublic { return }
        guard try await canManage(user, initiative, on: db) else { throw Abort(.notFound) }
    }

    /// The signed-in viewer, who must run this initiative: 403 otherwise.
    public static func requireManager(_ req: Request, of initiative: Initiative) async throws -> User {
        let user = try req.requireUser()
        guard try await canManage(user, initiative, on: req.db) else { throw Abort(.forbidden) }
        return user
    }

    /// The initiative the page shows and whether the viewer runs it; 404 when they may not see it.
    static func visible(_ req: Request, slug: String) async throws -> (Initiative, manages: Bool) {
        guard let initiative = try await initiative(slug: slug, on: req.db) else { throw Abort(.notFound) }
        let manages = try await canManage(req.auth.get(User.self), initiative, on: req.db)
        guard initiative.isPublic || manages else { throw Abort(.notFound) }
        return (initiative, manages)
    }

    /// The initiative the viewer runs: 404 when they may not see it, 403 when they may only see it.
    static func managed(_ req: Request, slug: String) async throws -> Initiative {
        let (initiative, manages) = try await visible(req, slug: slug)
        guard manages else { throw Abort(.forbidden) }
        return initiative
    }

    static func slugParameter(_ req: Request) throws -> String {
        guard let slug = req.parameters.get("slug") else { throw Abort(.notFound) }
        return slug
    }
}
