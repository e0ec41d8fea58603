import Fluent
import Foundation
import Initiatives
import KrachtCore
import SQLKit
import Vapor

/// Every open action of a public initiative, in memory, for scoring them all on each page view.
/// The database stays the truth: each use reads `InitiativeTotals.catalogueVersion` (one row by
/// its key) and reloads only when it moved, so several app instances stay in step.
public actor OpenActionCatalogue {
    /// One loaded state of the open actions: immutable, shared by all requests until replaced.
    public final class Snapshot: Sendable {
        public let version: Int64
        /// In tie order: soonest start first (none last), then newest, then id.
        public let actions: [MatchAction]
        /// Names of the skills the actions ask, for the reasons.
        public let skillNames: [UUID: String]
        let compact: [CompactAction]
        let codes: CompactCodes

        init(version: Int64, actions: [MatchAction], skillNames: [UUID: String], domains: [String]) {
            self.version = version
            self.actions = actions.sorted { a, b in
                Match.ranksBefore(Match(action: a, score: 0, reasons: []), Match(action: b, score: 0, reasons: []))
            }
            self.skillNames = skillNames
            var codes = CompactCodes()
            codes.domains = Dictionary(domains.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            self.compact = self.actions.map { codes.action($0) }
            self.codes = codes
        }

        /// The `limit` best open actions for `profile`, with their reasons; the same as
        /// `MatchScore.best(for:in:limit:now:)` over `actions`, in a fraction of the time.
        /// `excluding`: actions the resident is already part of (`OwnActions`).
        func best(for profile: MatchProfile, limit: Int, now: Date, excluding own: OwnActions = OwnActions()) -> [Match] {
            CompactScore.top(codes.profile(profile), compact, limit: limit, now: now.timeIntervalSince1970) { !own.contains(actions[$0]) }
                .map { MatchScore.score(profile, actions[$0]) }
        }
    }

    private var snapshot: Snapshot?
    private var loading: (version: Int64, task: Task<Snapshot, any Error>)?

    public init() {}

    /// The current open actions, reloaded if any changed since the last load.
    public func current(on db: any Database, app: Application) async throws -> Snapshot {
        let version = try await Self.version(on: db)
        if let snapshot, snapshot.version == version { return snapshot }
        // One load at a time: requests that see the same new version wait for the same load.
        if let loading, loading.version == version { return try await loading.task.value }
        let domains = app.reference.domains.map(\.slug)
        let task = Task { try await Self.load(version: version, domains: domains, on: db) }
        loading = (version, task)
        defer { if loading?.version == version { loading = nil } }
        let loaded = try await task.value
        if (snapshot?.version ?? .min) < loaded.version { snapshot = loaded }
        return loaded
    }

    static func version(on db: any Database) async throws -> Int64 {
        let row = try await db.sql.raw("SELECT catalogue_version FROM initiative_totals WHERE id = \(bind: InitiativeTotals.rowID)").first()
        return try row?.decode(column: "catalogue_version", as: Int64.self) ?? 0
    }

    static func load(version: Int64, domains: [String], on db: any Database) async throws -> Snapshot {
        let initiatives = try await Initiative.query(on: db).filter(\.$status == .approved)
            .field(\.$id).field(\.$slug).field(\.$name).all()
        let byID = Dictionary(initiatives.compactMap { i in i.id.map { ($0, i) } }, uniquingKeysWith: { a, _ in a })
        var domainsOf: [UUID: Set<String>] = [:]
        for row in try await InitiativeDomain.query(on: db).join(Initiative.self, on: \InitiativeDomain.$initiativeID == \Initiative.$id)
            .filter(Initiative.self, \.$status == .approved).all()
        {
            domainsOf[row.initiativeID, default: []].insert(row.domain)
        }
        var skillsOf: [UUID: Set<UUID>] = [:]
        for row in try await ActionSkill.query(on: db).join(InitiativeAction.self, on: \ActionSkill.$actionID == \InitiativeAction.$id)
            .filter(InitiativeAction.self, \.$status == .open).all()
        {
            skillsOf[row.actionID, default: []].insert(row.skillID)
        }
        var skillNames: [UUID: String] = [:]
        let used = Array(Set(skillsOf.values.flatMap { $0 }))
        for start in stride(from: 0, to: used.count, by: 500) {
            let chunk = Array(used[start..<min(start + 500, used.count)])
            for skill in try await Skill.query(on: db).filter(\.$id ~~ chunk).all() { skillNames[skill.id!] = skill.name }
        }
        let rows = try await InitiativeAction.query(on: db).filter(\.$status == .open).all()
        let actions = rows.compactMap { row -> MatchAction? in
            guard let id = row.id, let initiative = byID[row.initiativeID], !row.isFull else { return nil }
            return MatchAction(
                id: id, initiativeID: row.initiativeID, initiativeSlug: initiative.slug, title: row.title,
                initiativeName: initiative.name, kind: row.kind, skills: skillsOf[id] ?? [],
                domains: domainsOf[row.initiativeID] ?? [], district: row.district, area: row.area, online: row.online,
                slots: AvailabilityGrid(bits: row.slots), languages: Set(SpokenLanguage.split(row.languages)),
                startsAt: row.startsAt, createdAt: row.createdAt)
        }
        return Snapshot(version: version, actions: actions, skillNames: skillNames, domains: domains)
    }
}

extension Application {
    /// This app instance's catalogue of open actions (`OpenActionCatalogue`).
    public var openActionCatalogue: OpenActionCatalogue {
        locks.lock(for: CatalogueKey.self).withLock {
            if let catalogue = storage[CatalogueKey.self] { return catalogue }
            let catalogue = OpenActionCatalogue()
            storage[CatalogueKey.self] = catalogue
            return catalogue
        }
    }

    private struct CatalogueKey: LockKey, StorageKey { typealias Value = OpenActionCatalogue }
}
