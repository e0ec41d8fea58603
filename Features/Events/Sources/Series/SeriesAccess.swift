import Fluent
import Initiatives
import KrachtCore
import Vapor

/// Who may change a series: a coordinator, its organiser, or an organiser of its initiative (as
/// for a single event).
extension EventAccess {
    public static func canOrganise(_ user: User?, series: EventSeries, on db: any Database) async throws -> Bool {
        guard let user, let userID = user.id else { return false }
        if series.organiserID == userID { return true }
        if let initiativeID = series.initiativeID, try await InitiativeAccess.isOrganiser(userID, of: initiativeID, on: db) {
            return true
        }
        return try await user.roles(on: db).allow(.coordinator)
    }

    /// The series of the route's `id` parameter (404 when unknown), for a viewer who may change it (403).
    static func requireSeriesOrganiser(_ req: Request) async throws -> (EventSeries, User) {
        let user = try req.requireUser()
        guard let id = req.parameters.get("id", as: UUID.self), let series = try await EventSeries.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        guard try await canOrganise(user, series: series, on: req.db) else { throw Abort(.forbidden) }
        return (series, user)
    }
}
