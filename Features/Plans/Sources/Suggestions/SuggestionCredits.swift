import Fluent
import Foundation
import KrachtCore

/// One accepted suggestion credited in a version: who proposed it and what (helper G).
struct CreditView: Encodable, Sendable {
    var suggestionID: UUID
    /// Nil for an erased account ("verwijderd account").
    var proposer: String?
    var title: String
}

/// Credits for accepted suggestions (helper G). Names are looked up when shown, so an erased
/// account's name is gone from every version.
enum SuggestionCredits {
    /// The proposer's name per suggestion; nil for an erased account ("deleted account").
    static func names(for suggestionIDs: [UUID], on db: any Database) async throws -> [UUID: String?] { [:] }

    /// The suggestions version `number` of the plan published: the context of `plans/_credits.leaf`.
    static func forVersion(planID: UUID, number: Int, on db: any Database) async throws -> [CreditView] { [] }

    /// Publishing version `version`: the accepted suggestions not yet published get it as `appliedVersion`.
    static func markApplied(planID: UUID, version: Int, on db: any Database) async throws {}
}
