import Fluent
import Initiatives
import KrachtCore
import Vapor

/// Who may run an event: a coordinator, the event's organiser, or an organiser of the initiative
/// it belongs to. Organiser routes are `.signedIn` in the route matrix and check this: 403 for
/// anyone else, 404 for an event that does not exist.
public enum EventAccess {
    public static func event(slug: String, on db: any Database) async throws -> Event? {
        try await Event.query(on: db).filter(\.$slug == slug).first()
    }

    /// The event of the route's `slug` parameter, or 404.
    public static func event(_ req: Request) async throws -> Event {
        guard let slug = req.parameters.get("slug"), let event = try await event(slug: slug, on: req.db) else {
            throw Abort(.notFound)
        }
        return event
    }

    public static func canOrganise(_ user: User?, _ event: Event, on db: any Database) async throws -> Bool {
        guard let user, let userID = user.id else { return false }
        if event.organiserID == userID { return true }
        if let initiativeID = event.initiativeID, try await InitiativeAccess.isOrganiser(userID, of: initiativeID, on: db) {
            return true
        }
        return try await user.roles(on: db).allow(.coordinator)
    }

    /// The signed-in viewer, who must run this event: 403 otherwise.
    public static func requireOrganiser(_ req: Request, of event: Event) async throws -> User {
        let user = try req.requireUser()
        guard try await canOrganise(user, event, on: req.db) else { throw Abort(.forbidden) }
        return user
    }

    /// Whether `user` may create events at all: a coordinator, or an organiser of an approved
    /// initiative (then only for their initiatives: `initiativesRunBy`).
    public static func canCreate(_ user: User?, on db: any Database) async throws -> Bool {
        guard let user else { return false }
        if try await user.roles(on: db).allow(.coordinator) { return true }
        return try await !initiativesRunBy(user, on: db).isEmpty
    }

    /// The approved initiatives `user` organises, by name: what an event of theirs may belong to.
    public static func initiativesRunBy(_ user: User, on db: any Database) async throws -> [Initiative] {
        let userID = try user.requireID()
        let ids = try await InitiativeOrganiser.query(on: db).filter(\.$userID == userID).all().map(\.initiativeID)
        guard !ids.isEmpty else { return [] }
        return try await Initiative.query(on: db).filter(\.$id ~~ ids).filter(\.$status == .approved).sort(\.$name).all()
    }
}
