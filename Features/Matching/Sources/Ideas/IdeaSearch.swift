import Fluent
import Foundation
import KrachtCore

/// The full-text index of the ideas anyone may read (open and proposed), for search and
/// "similar ideas". Withdrawn and converted ideas leave it: `sync` after every status change.
public enum IdeaSearch {
    public static let index = FullTextIndex(name: "idea_search")

    static func isIndexed(_ status: Idea.Status) -> Bool { status == .open || status == .proposed }

    /// Puts the idea in the index or takes it out, as its status says; in the caller's transaction.
    static func sync(_ idea: Idea, on db: any Database) async throws {
        let id = try idea.requireID()
        if isIndexed(idea.status) {
            try await index.upsert(id: id, title: idea.title, body: idea.body, on: db)
        } else {
            try await index.remove(id: id, on: db)
        }
    }
}

struct CreateIdeaSearch: AsyncMigration {
    func prepare(on db: any Database) async throws { try await IdeaSearch.index.create(on: db) }
    func revert(on db: any Database) async throws { try await IdeaSearch.index.drop(on: db) }
}
