import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// The indicators' targets per year, as coordinators keep them (`dashboard_targets`), first
/// filled from the reference data (`targets-<year>.csv`; its `fund_donations` is the fund's
/// `fund_raised_cents`). Old years stay.
///
/// The "current target year", which the home page, `/open-data`, the dashboard and the API
/// all show (through `app.indicatorTargets`): the newest year not after this year (Amsterdam)
/// that has targets, else (only future years have any) the newest.
enum DashboardTargets {
    /// Smallest and largest year a target may be set for.
    static let years = 2000...2100
    /// Largest target (a trillion: euro cents of ten billion euros).
    static let maximum: Int64 = 1_000_000_000_000

    /// Fills an empty table from the reference data (idempotent; concurrent callers add nothing twice).
    static func seedIfEmpty(app: Application) async throws {
        guard try await DashboardTarget.query(on: app.db).count() == 0 else { return }
        let reference = app.reference
        guard reference.targetsYear > 0 else { return }
        var targets = reference.targets
        if let donations = targets.removeValue(forKey: "fund_donations") { targets["fund_raised_cents"] = donations }
        guard !targets.isEmpty else { return }
        let seed = targets
        let now = app.clock.now()
        try await app.db.writeTransaction { db in
            var rows: [SQLQueryString] = []
            for (key, target) in seed.sorted(by: { $0.key < $1.key }) {
                rows.append("(\(bind: UUID()), \(bind: reference.targetsYear), \(bind: key), \(bind: target), \(bind: now), NULL)")
            }
            let query: SQLQueryString =
                "INSERT INTO dashboard_targets (id, year, indicator_key, target, updated_at, updated_by) VALUES \(rows.joined(separator: ", ")) ON CONFLICT (year, indicator_key) DO NOTHING"
            try await db.sql.raw(query).run()
        }
    }

    /// Every year's targets, by year.
    static func all(app: Application) async throws -> [Int: [String: Int64]] {
        try await seedIfEmpty(app: app)
        var years: [Int: [String: Int64]] = [:]
        for row in try await DashboardTarget.query(on: app.db).all() { years[row.year, default: [:]][row.key] = row.target }
        return years
    }

    /// The current target year and its targets (cached until a save clears it).
    static func current(app: Application) async throws -> (year: Int, targets: [String: Int64]) {
        let cached = try await app.dashboardTargetsCache.value {
            let years = try await all(app: app)
            let thisYear = AmsterdamTime.year(of: app.clock.now())
            guard let year = years.keys.filter({ $0 <= thisYear }).max() ?? years.keys.max() else {
                return CurrentTargets(year: app.reference.targetsYear, targets: app.reference.targets)
            }
            var targets = years[year] ?? [:]
            // The reference data's name for the same target, for anything still asking for it.
            if let raised = targets["fund_raised_cents"] { targets["fund_donations"] = raised }
            return CurrentTargets(year: year, targets: targets)
        }
        return (cached.year, cached.targets)
    }

    static func invalidate(app: Application) {
        app.dashboardTargetsCache.clear()
        app.indicators.invalidate()
        DashboardBoard.invalidate(app: app)
    }

    struct CurrentTargets: Sendable {
        var year: Int
        var targets: [String: Int64]
    }

    /// Whether a target may be set for this key: one of the plan's, or registered by a feature.
    static func isKnown(_ key: String, app: Application) -> Bool { DashboardBoard.knows(key: key, app: app) }

    /// The keys a year's form shows: the plan's, then the other registered indicators, then any
    /// key that year already has a target for.
    static func formKeys(app: Application, having: [String: Int64]) -> [(key: String, unit: String)] {
        var keys = DashboardBoard.keys(app: app)
        var seen = Set(keys.map(\.key))
        for key in having.keys.sorted() where key != "fund_donations" && seen.insert(key).inserted { keys.append((key, "")) }
        return keys
    }
}

/// A coordinator sets a year's targets: every field a whole number ≥ 0 (euros for money, stored
/// as cents), empty for "no target"; all or nothing, one audit event.
struct SaveTargets {
    let app: Application

    struct Problem: Error, Equatable {
        var field: String
        /// `dashboard.targets.error.*`
        var messageKey: String
    }

    enum Outcome: Equatable {
        case saved(year: Int, changed: Int)
        case invalid([Problem])
    }

    static func field(_ key: String) -> String { "doel-\(key)" }

    /// A submitted figure: digits, with spaces or dots between thousands; nil when empty.
    static func parse(_ text: String, isMoney: Bool) -> Result<Int64?, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .success(Int64?.none) }
        if trimmed.hasPrefix("-") { return .failure(Problem(field: "", messageKey: "dashboard.targets.error.negative")) }
        let digits = trimmed.filter { $0 != "." && $0 != " " && $0 != "\u{00A0}" && $0 != "_" }
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int64(digits) else {
            if trimmed.count > 15 && trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
                return .failure(Problem(field: "", messageKey: "dashboard.targets.error.too_large"))
            }
            return .failure(Problem(field: "", messageKey: "dashboard.targets.error.not_a_number"))
        }
        let (stored, overflow) = isMoney ? number.multipliedReportingOverflow(by: 100) : (number, false)
        guard !overflow, stored <= DashboardTargets.maximum else {
            return .failure(Problem(field: "", messageKey: "dashboard.targets.error.too_large"))
        }
        return .success(stored)
    }

    func run(year: Int, fields: [String: String], by actor: User) async throws -> Outcome {
        guard DashboardTargets.years.contains(year) else {
            return .invalid([Problem(field: "jaar", messageKey: "dashboard.targets.error.year")])
        }
        var problems: [Problem] = []
        var values: [String: Int64?] = [:]
        let units = Dictionary(
            DashboardBoard.keys(app: app).map { ($0.key, $0.unit) }, uniquingKeysWith: { first, _ in first })
        for (name, text) in fields.sorted(by: { $0.key < $1.key }) where name.hasPrefix("doel-") {
            let key = String(name.dropFirst("doel-".count))
            guard DashboardTargets.isKnown(key, app: app) else {
                problems.append(Problem(field: name, messageKey: "dashboard.targets.error.unknown"))
                continue
            }
            switch Self.parse(text, isMoney: units[key] == "euro cents") {
            case .success(let value): values[key] = value
            case .failure(var problem):
                problem.field = name
                problems.append(problem)
            }
        }
        guard problems.isEmpty else { return .invalid(problems) }
        guard !values.isEmpty else { return .invalid([Problem(field: "doelen", messageKey: "dashboard.targets.error.empty")]) }
        try await DashboardTargets.seedIfEmpty(app: app)
        let now = app.clock.now()
        let actorID = try actor.requireID()
        let submitted = values
        let changed = try await app.db.writeTransaction { db -> Int in
            let existing = try await DashboardTarget.query(on: db).filter(\.$year == year).all()
            var changed = 0
            for (key, value) in submitted.sorted(by: { $0.key < $1.key }) {
                let row = existing.first { $0.key == key }
                switch (row, value) {
                case (let row?, let value?) where row.target == value: continue
                case (_, let value?):
                    // An upsert: another coordinator may be saving the same new (year, key) right now.
                    try await db.sql.raw(
                        """
                        INSERT INTO dashboard_targets (id, year, indicator_key, target, updated_at, updated_by) \
                        VALUES (\(bind: UUID()), \(bind: year), \(bind: key), \(bind: value), \(bind: now), \(bind: actorID)) \
                        ON CONFLICT (year, indicator_key) DO UPDATE SET target = excluded.target, \
                        updated_at = excluded.updated_at, updated_by = excluded.updated_by
                        """
                    ).run()
                    changed += 1
                case (let row?, nil):
                    try await row.delete(on: db)
                    changed += 1
                case (nil, nil): continue
                }
            }
            if changed > 0 {
                try await AuditEvent.record(
                    "dashboard.targets.saved", subject: String(year), details: "\(changed) targets changed", by: actorID, on: db)
            }
            return changed
        }
        DashboardTargets.invalidate(app: app)
        return .saved(year: year, changed: changed)
    }
}

/// A coordinator starts a new target year: the newest year's targets copied into it (the year
/// after the newest unless one is given), to be adjusted; the old years stay as they were.
struct StartTargetYear {
    let app: Application

    enum Outcome: Equatable {
        case started(year: Int, copied: Int)
        case alreadyExists(year: Int)
        case invalidYear
    }

    func run(year requested: Int?, by actor: User) async throws -> Outcome {
        let years = try await DashboardTargets.all(app: app)
        let newest = years.keys.max()
        let year = requested ?? ((newest ?? AmsterdamTime.year(of: app.clock.now()) - 1) + 1)
        guard DashboardTargets.years.contains(year) else { return .invalidYear }
        guard years[year] == nil else { return .alreadyExists(year: year) }
        let source = years.keys.filter { $0 < year }.max().flatMap { years[$0] } ?? [:]
        let now = app.clock.now()
        let actorID = try actor.requireID()
        let outcome = try await app.db.writeTransaction { db -> Outcome in
            // Another coordinator may have started it a moment ago.
            guard try await DashboardTarget.query(on: db).filter(\.$year == year).count() == 0 else {
                return .alreadyExists(year: year)
            }
            // …or be starting it right now (PostgreSQL: both saw none): the rows the other one
            // wrote first are left alone, and a start that copied none of them started nothing.
            var copied = 0
            for (key, target) in source.sorted(by: { $0.key < $1.key }) {
                let rows = try await db.sql.raw(
                    """
                    INSERT INTO dashboard_targets (id, year, indicator_key, target, updated_at, updated_by) \
                    VALUES (\(bind: UUID()), \(bind: year), \(bind: key), \(bind: target), \(bind: now), \(bind: actorID)) \
                    ON CONFLICT (year, indicator_key) DO NOTHING RETURNING id
                    """
                ).all()
                copied += rows.count
            }
            if copied == 0 && !source.isEmpty { return .alreadyExists(year: year) }
            try await AuditEvent.record(
                "dashboard.targets.year_started", subject: String(year), details: "\(copied) targets copied", by: actorID, on: db)
            return .started(year: year, copied: copied)
        }
        DashboardTargets.invalidate(app: app)
        return outcome
    }
}
