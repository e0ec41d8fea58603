import Fluent
import Foundation
import KrachtCore

/// Credits for accepted suggestions (helper G).
enum SuggestionCredits {
    /// The proposer's name per suggestion; nil for an erased account ("deleted account").
    static func names(for suggestionIDs: [UUID], on db: any Database) async throws -> [UUID: String?] { [:] }

    /// Publishing version `version`: the accepted suggestions not yet published get it as `appliedVersion`.
    static func markApplied(planID: UUID, version: Int, on db: any Database) async throws {}
}
