import Fluent
import Foundation
import KrachtCore

/// The full-text index of public initiatives (name; summary, why, domains and area as body).
/// OWNER: the initiatives helper.
public enum InitiativeSearch {
    public static let index = FullTextIndex(name: "initiative_search")
}

struct CreateInitiativeSearch: AsyncMigration {
    func prepare(on db: any Database) async throws { try await InitiativeSearch.index.create(on: db) }
    func revert(on db: any Database) async throws { try await InitiativeSearch.index.drop(on: db) }
}
