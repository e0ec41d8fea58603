import Fluent
import Foundation
import KrachtCore
import Vapor

/// Finding approved initiatives: filters (domain, district, under the flag) and, with search
/// words, the index's ranked matches (at most `maxMatches`) filtered the same way; without
/// words, by name. One page of `perPage`.
struct InitiativeBrowse: Sendable {
    static let perPage = 20
    static let maxMatches = 1000
    static let maxPage = 500

    var query: SearchQuery?
    var domain: String?
    var district: String?
    var underFlag: Bool
    var page: Int

    struct Result: Sendable {
        var total: Int
        var initiatives: [Initiative]
        var snippets: [UUID: Snippet]
        var domains: [UUID: [String]]
    }

    func run(on db: any Database) async throws -> Result {
        var filter = Initiative.query(on: db).filter(\.$status == .approved)
        if let district { filter = filter.filter(\.$district == district) }
        if underFlag { filter = filter.filter(\.$underFlag == true) }
        if let domain {
            filter = filter.join(InitiativeDomain.self, on: \Initiative.$id == \InitiativeDomain.$initiativeID)
                .filter(InitiativeDomain.self, \.$domain == domain)
        }
        let filtered = domain != nil || district != nil || underFlag
        let offset = (page - 1) * Self.perPage
        var shown: [Initiative]
        var total: Int
        var snippets: [UUID: Snippet] = [:]
        if let query {
            // The filters read only ids; only the page shown is loaded whole, in the index's order.
            let matches = try await InitiativeSearch.index.matches(query, limit: Self.maxMatches, on: db).map(\.id)
            // The index holds only approved initiatives (`kracht verify` checks it): without a
            // filter its order is the answer.
            let ranked = filtered ? matches.filter(Set(try await filter.filter(\.$id ~~ matches).all(\.$id)).contains) : matches
            total = ranked.count
            let pageIDs = Array(ranked.dropFirst(offset).prefix(Self.perPage))
            let rows = Dictionary(
                try await Initiative.query(on: db).filter(\.$id ~~ pageIDs).filter(\.$status == .approved).all().map { ($0.id!, $0) },
                uniquingKeysWith: { a, _ in a })
            shown = pageIDs.compactMap { rows[$0] }
            snippets = try await InitiativeSearch.index.snippets(query, ids: shown.compactMap(\.id), on: db)
        } else {
            total = try await filter.count()
            shown = try await filter.sort(\.$name).sort(\.$slug).range(offset..<(offset + Self.perPage)).all()
        }
        let ids = shown.compactMap(\.id)
        var domains: [UUID: [String]] = [:]
        if !ids.isEmpty {
            for row in try await InitiativeDomain.query(on: db).filter(\.$initiativeID ~~ ids).all() {
                domains[row.initiativeID, default: []].append(row.domain)
            }
        }
        return Result(total: total, initiatives: shown, snippets: snippets, domains: domains)
    }
}
