import Fluent
import Foundation
import KrachtCore
import Vapor

/// An action as listed on its initiative's page (`initiatives/_actions.leaf`): open actions for
/// everyone, closed ones too for its organisers.
public struct ActionSummary: Encodable, Sendable {
    public var id: UUID
    public var title: String
    public var path: String
    var kind, when, place, time, placesLeft: String
    var isFull, isOpen: Bool

    static let shown = 100

    public static func list(for initiative: Initiative, viewer: User?, req: Request) async throws -> [ActionSummary] {
        let initiativeID = try initiative.requireID()
        let isOrganiser = try await InitiativeAccess.canManage(viewer, of: initiativeID, on: req.db)
        var query = InitiativeAction.query(on: req.db).filter(\.$initiativeID == initiativeID)
        if !isOrganiser { query = query.filter(\.$status == .open) }
        let actions = try await query.sort(\.$status).sort(\.$startsAt).sort(\.$title).limit(shown).all()
        return try actions.map { action in
            let facts = ActionFacts(action, reference: req.application.reference, t: { req.t($0, $1) }, language: req.language)
            let id = try action.requireID()
            return ActionSummary(
                id: id, title: action.title, path: InitiativesPath.action(.value(initiative.slug), action: .value(id)).path,
                kind: facts.kind, when: facts.when, place: facts.place, time: facts.time,
                placesLeft: ActionFacts.placesLeft(action, t: { req.t($0, count: $1) }, full: req.t("initiatives.action.full")),
                isFull: action.isFull, isOpen: action.status == .open)
        }
    }
}
