import Fluent
import Foundation
import Initiatives
import KrachtCore
import SQLKit
import Vapor

/// `kracht initiatives fill`'s data: initiatives across every district, area and domain, their
/// organisers, actions of all three kinds with skills, and residents with profiles and follows —
/// made from `FillVocabulary` with a seeded generator and written with multi-row inserts. Every
/// user gets the demo password's hash, computed once (hashing 100,000 passwords would take hours).
struct InitiativesFill {
    struct Numbers {
        var initiatives = 2_000, actions = 10_000, profiles = 100_000, skills = 300
    }

    struct Summary {
        var initiatives = 0, actions = 0, profiles = 0, skills = 0
        var resident = "", organiser = ""
    }

    let app: Application
    let numbers: Numbers
    var progress: @Sendable (String) -> Void = { _ in }

    func run() async throws -> Summary {
        let now = app.clock.now()
        let tag = String(UUID().uuidString.prefix(6)).lowercased()
        var random = FillRandom(seed: UInt64(numbers.initiatives * 31 + numbers.actions * 7 + numbers.profiles))
        let reference = app.reference
        let areas = reference.districts.flatMap { district in district.areas.map { (district: district.slug, area: $0) } }
        let skillIDs = try await skills(now: now)
        progress("\(skillIDs.count) skills")

        // Residents first: organisers are residents too. The first is made the normal way, for its password hash.
        let first = try await Accounts.create(
            app: app, name: "Bench Bewoner", email: "fill-\(tag)-0@example.org", password: DemoPeople.password, confirmed: true)
        let hash = first.passwordHash
        var userIDs = [try first.requireID()]
        var users = BulkRows(User.schema, ["id", "name", "email", "password_hash", "email_confirmed_at", "language", "created_at"])
        for n in 1..<max(1, numbers.profiles) {
            let id = UUID()
            userIDs.append(id)
            let language = random.chance(85) ? "nl" : random.pick(["en", "en", "ar", "tr", "pl"])
            users.add([
                id, "\(random.pick(FillVocabulary.firstNames)) \(random.pick(FillVocabulary.lastNames))", "fill-\(tag)-\(n)@example.org",
                hash, now, language, now.addingTimeInterval(-Double(random.int(0..<700)) * 86_400),
            ])
        }
        try await users.insert(into: app.db)
        progress("\(userIDs.count) residents")

        // Initiatives with their domains, agendas and organisers.
        var initiatives = BulkRows(
            Initiative.schema,
            [
                "id", "slug", "name", "summary", "why", "district", "area", "contact", "under_flag", "status", "created_by", "decided_at",
                "created_at", "updated_at", "confirmed_minutes", "people_reached", "people_connected",
            ])
        var domains = BulkRows(InitiativeDomain.schema, ["id", "initiative_id", "domain"])
        var agendas = BulkRows(InitiativeAgenda.schema, ["id", "initiative_id", "agenda"])
        var organisers = BulkRows(InitiativeOrganiser.schema, ["id", "initiative_id", "user_id", "is_initiator", "added_at"])
        var placed: [(id: UUID, kind: Int, district: String?, area: String?, approved: Bool, name: String)] = []
        let organiserPool = max(1, min(userIDs.count, numbers.initiatives / 2 + 1))
        for n in 0..<numbers.initiatives {
            let id = UUID(), kind = FillVocabulary.kinds[n % FillVocabulary.kinds.count]
            let place = areas[n % areas.count]
            let cityWide = n % 23 == 0
            let status: Initiative.Status = n % 17 == 5 ? .pending : n % 31 == 7 ? .archived : n % 37 == 3 ? .rejected : .approved
            let created = now.addingTimeInterval(-Double(30 + random.int(0..<700)) * 86_400)
            let round = n / (FillVocabulary.kinds.count * areas.count)
            let name = "\(kind.name) \(cityWide ? "Amsterdam" : place.area.name)" + (round > 0 ? " \(round + 1)" : "")
            initiatives.add([
                id, "\(Self.slug(kind.name))-\(cityWide ? "amsterdam" : place.area.slug)-\(tag)\(n)", name, kind.summary,
                "Omdat buren in \(place.area.name) elkaar nodig hebben: \(kind.summary.lowercased()) Iedereen kan meedoen.",
                cityWide ? nil : place.district, cityWide || n % 5 == 0 ? nil : place.area.slug,
                n % 3 == 0 ? "https://example.org/\(tag)\(n)" : nil, status == .approved && random.chance(30), status.rawValue,
                userIDs[n % organiserPool], status == .pending ? nil : created.addingTimeInterval(2 * 86_400), created, created,
                Int64(0), Int64(0), Int64(0),
            ])
            var kindDomains = kind.domains
            if random.chance(40) { kindDomains.append(random.pick(reference.domains).slug) }
            for domain in Set(kindDomains) { domains.add([UUID(), id, domain]) }
            agendas.add([UUID(), id, random.pick(FillVocabulary.agendas)])
            organisers.add([UUID(), id, userIDs[n % organiserPool], true, created])
            if n % 3 == 0, organiserPool > 1 { organisers.add([UUID(), id, userIDs[(n + 1) % organiserPool], false, created]) }
            placed.append(
                (
                    id, n % FillVocabulary.kinds.count, cityWide ? nil : place.district, cityWide || n % 5 == 0 ? nil : place.area.slug,
                    status == .approved, name
                ))
        }
        for rows in [initiatives, domains, agendas, organisers] { try await rows.insert(into: app.db) }
        progress("\(placed.count) initiatives")

        let actionCount = try await actions(
            placed, skillIDs: skillIDs, userIDs: userIDs, organiserPool: organiserPool, now: now, random: &random)
        progress("\(actionCount) actions")
        try await profiles(userIDs, skillIDs: skillIDs, initiatives: placed.filter(\.approved).map(\.id), now: now, random: &random)
        progress("\(userIDs.count) profiles")

        try await InitiativeCounters.recount(on: app.db)
        try await index(placed.filter(\.approved).map(\.id))
        try await InitiativeTotals.actionsChanged(on: app.db)
        progress("counters recounted, search index filled")
        return Summary(
            initiatives: placed.count, actions: actionCount, profiles: userIDs.count, skills: skillIDs.count,
            resident: first.email, organiser: "fill-\(tag)-0@example.org")
    }

    /// The skills list: new names added, existing ones kept; returns every fill skill's id.
    private func skills(now: Date) async throws -> [UUID] {
        let names = FillVocabulary.skillNames(count: max(1, numbers.skills))
        let existing = try await Skill.query(on: app.db).all()
        let known = Set(existing.map(\.normalized))
        var rows = BulkRows(Skill.schema, ["id", "name", "normalized", "created_at"])
        for name in names where !known.contains(SkillList.normalize(name)) { rows.add([UUID(), name, SkillList.normalize(name), now]) }
        try await rows.insert(into: app.db)
        let wanted = Set(names.map(SkillList.normalize))
        return try await Skill.query(on: app.db).filter(\.$mergedInto == nil).all().filter { wanted.contains($0.normalized) }.compactMap(
            \.id)
    }

    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        return folded.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
    }

    /// The approved initiatives into the search index, as their pages put them there.
    private func index(_ ids: [UUID]) async throws {
        let reference = app.reference
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            try await app.db.writeTransaction { db in
                for initiative in try await Initiative.query(on: db).filter(\.$id ~~ chunk).all() {
                    try await InitiativeSearch.reindex(initiative, reference: reference, on: db)
                }
            }
        }
    }
}
