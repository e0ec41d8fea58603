import Fluent
import Foundation
import KrachtCore
import Vapor

/// The full-text index of public initiatives: the name as title; summary, why, its domains' names
/// (Dutch and English, so either language finds it) and its district and area as body. Only
/// approved initiatives are in it: `reindex` removes any other.
public enum InitiativeSearch {
    public static let index = FullTextIndex(name: "initiative_search")

    /// Puts the initiative in the index as it is now, or takes it out when it is not public
    /// (pending, rejected, archived). Call in the transaction that changed it.
    public static func reindex(_ initiative: Initiative, reference: ReferenceData, on db: any Database) async throws {
        let id = try initiative.requireID()
        guard initiative.status == .approved else {
            try await index.remove(id: id, on: db)
            return
        }
        let domains = try await InitiativeDomain.query(on: db).filter(\.$initiativeID == id).all()
            .compactMap { reference.domain(slug: $0.domain) }
        var body = [initiative.summary, initiative.why] + domains.flatMap { [$0.nameNL, $0.nameEN] }
        if let district = initiative.district.flatMap(reference.district(slug:)) {
            body.append(district.name)
            if let area = district.areas.first(where: { $0.slug == initiative.area }) { body.append(area.name) }
        }
        try await index.upsert(id: id, title: initiative.name, body: body.joined(separator: "\n"), on: db)
    }
}

struct CreateInitiativeSearch: AsyncMigration {
    func prepare(on db: any Database) async throws { try await InitiativeSearch.index.create(on: db) }
    func revert(on db: any Database) async throws { try await InitiativeSearch.index.drop(on: db) }
}
