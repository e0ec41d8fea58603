import Fluent
import Foundation
import KrachtCore
import Vapor

/// `/ideeen`: the ideas anyone may read, newest first, or with `q` the full-text matches, best
/// first, each with a highlighted excerpt. 20 a page.
struct IdeaListPage: Encodable, Sendable {
    static let perPage = 20
    /// Ranked matches read for a query; more than anyone pages through.
    static let maxMatches = 1000

    struct Item: Encodable, Sendable {
        var path: String
        var title: String
        var excerpt: String
        var snippet: Snippet?
        var place: String?
        var supporters: Int
        var proposed: Bool
    }

    var query: String
    /// A query was typed but had no word in it.
    var noWords: Bool
    var total: Int
    var items: [Item]
    var previousPath: String?
    var nextPath: String?
    var newPath = MatchingPath.newIdea.path
    var searchPath = MatchingPath.ideas().path
    var messagesPath = MatchingPath.messages.path

    static func load(_ req: Request) async throws -> IdeaListPage {
        let typed = String((req.queryValue("q") ?? "").prefix(200))
        let page = max(1, min(req.queryInt("pagina") ?? 1, 10_000))
        let query = SearchQuery(typed)
        let noWords = query == nil && !typed.trimmingCharacters(in: .whitespaces).isEmpty
        let db = req.db
        var ideas: [Idea] = []
        var total = 0
        var snippets: [UUID: Snippet] = [:]
        if let query {
            let matches = try await IdeaSearch.index.matches(query, limit: maxMatches, on: db)
            total = matches.count
            let ids = Array(matches.dropFirst((page - 1) * perPage).prefix(perPage).map(\.id))
            if !ids.isEmpty {
                let found = try await Idea.query(on: db).filter(\.$id ~~ ids).all()
                let byID = Dictionary(uniqueKeysWithValues: found.compactMap { idea in idea.id.map { ($0, idea) } })
                ideas = ids.compactMap { byID[$0] }.filter { IdeaSearch.isIndexed($0.status) }
                snippets = try await IdeaSearch.index.snippets(query, ids: ids, on: db)
            }
        } else if !noWords {
            let readable = Idea.query(on: db).filter(\.$status ~~ [.open, .proposed])
            total = try await readable.count()
            ideas = try await readable.sort(\.$createdAt, .descending).sort(\.$id)
                .range(((page - 1) * perPage)..<(page * perPage)).all()
        }
        let places = IdeaPlaces(req)
        let path = { (page: Int) in MatchingPath.ideas(query: typed.isEmpty ? nil : typed, page: page).path }
        return IdeaListPage(
            query: typed, noWords: noWords, total: total,
            items: ideas.map { idea in
                Item(
                    path: MatchingPath.idea(.value(idea.id!)).path, title: idea.title, excerpt: excerpt(idea.body),
                    snippet: idea.id.flatMap { snippets[$0] }, place: places.placeName(district: idea.district, area: idea.area),
                    supporters: idea.supporterCount, proposed: idea.status == .proposed)
            },
            previousPath: page > 1 ? path(page - 1) : nil,
            nextPath: page * perPage < total ? path(page + 1) : nil)
    }

    static func excerpt(_ body: String) -> String {
        body.count <= 240 ? body : String(body.prefix(240)) + "…"
    }
}
