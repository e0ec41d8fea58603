import Fluent
import Foundation
import Initiatives
import KrachtCore

/// What a resident is already part of: the actions they asked to join (still asked, accepted or
/// declined — a second ask is refused anyway) and the initiatives they organise. Neither
/// `/voor-jou` nor the weekly digest offers these to them again.
struct OwnActions: Sendable {
    var actions: Set<UUID> = []
    var initiatives: Set<UUID> = []

    func contains(_ action: MatchAction) -> Bool {
        actions.contains(action.id) || initiatives.contains(action.initiativeID)
    }

    static func load(_ userID: UUID, on db: any Database) async throws -> OwnActions {
        let asked = try await Participation.query(on: db).filter(\.$userID == userID)
            .filter(\.$state ~~ [.requested, .accepted, .declined]).field(\.$actionID).all()
        let organising = try await InitiativeOrganiser.query(on: db).filter(\.$userID == userID).field(\.$initiativeID).all()
        return OwnActions(actions: Set(asked.map(\.actionID)), initiatives: Set(organising.map(\.initiativeID)))
    }
}
