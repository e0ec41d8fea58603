import Fluent
import Foundation
import KrachtCore

/// `kracht verify` for initiatives: every maintained counter against its tables (one line per
/// difference; `InitiativeCounters.recount` would set them), the search index against the
/// approved initiatives, and no action with more people accepted than it has places.
enum InitiativesVerify {
    static func problems(on db: any Database) async throws -> [String] {
        var problems = try await CounterDrift.find(on: db).map(\.line)
        let indexed = try await InitiativeSearch.index.count(on: db)
        let approved = try await Initiative.query(on: db).filter(\.$status == .approved).count()
        if indexed != approved {
            problems.append("initiative_search holds \(indexed) initiatives, \(approved) are approved")
        }
        let overfullActions = try await InitiativeAction.query(on: db).filter(\.$acceptedCount, .greaterThan, \.$places).all()
        for action in overfullActions {
            problems.append(
                "initiative_actions \(action.id?.uuidString ?? "?") accepted_count \(action.acceptedCount) above places \(action.places)")
        }
        return problems
    }
}
