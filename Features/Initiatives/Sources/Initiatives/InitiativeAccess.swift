import Fluent
import Foundation
import KrachtCore
import Vapor

/// Who may see and who may run one initiative. Its organisers and coordinators see it in every
/// state; everyone else only once it is public, and otherwise gets a 404 that does not tell
/// whether it exists. Running it (editing, organisers, actions) is for its organisers and
/// coordinators: a non-organiser gets 403 on a public initiative, 404 on any other.
enum InitiativeAccess {
    static func initiative(slug: String, on db: any Database) async throws -> Initiative? {
        guard slug.count <= InitiativeSlug.maxLength else { return nil }
        return try await Initiative.query(on: db).filter(\.$slug == slug).first()
    }

    static func isOrganiser(_ userID: UUID, of initiativeID: UUID, on db: any Database) async throws -> Bool {
        try await InitiativeOrganiser.query(on: db).filter(\.$initiativeID == initiativeID).filter(\.$userID == userID).count() > 0
    }

    /// An organiser of this initiative, or a coordinator.
    static func canManage(_ user: User?, _ initiative: Initiative, on db: any Database) async throws -> Bool {
        guard let user, let userID = user.id else { return false }
        if try await user.roles(on: db).allow(.coordinator) { return true }
        return try await isOrganiser(userID, of: try initiative.requireID(), on: db)
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
