import Fluent
import Foundation
import KrachtCore

/// The full-text index of open ideas, for search and "similar ideas". OWNER: the ideas helper.
public enum IdeaSearch {
    public static let index = FullTextIndex(name: "idea_search")
}

struct CreateIdeaSearch: AsyncMigration {
    func prepare(on db: any Database) async throws { try await IdeaSearch.index.create(on: db) }
    func revert(on db: any Database) async throws { try await IdeaSearch.index.drop(on: db) }
}
