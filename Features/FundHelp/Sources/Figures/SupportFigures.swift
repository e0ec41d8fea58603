import Fluent
import Foundation
import Fund
import KrachtCore
import SQLKit
import Vapor

/// The fund's help in anonymous figures — applications, outcomes and amounts per category, and
/// how long people wait — for the transparency page, the API and the indicators. Read from the
/// columns every case keeps after erasure (category, status, amounts, dates), so erased cases
/// count. What leaves this type for the public goes through `shown`, never the raw counts.
public struct SupportFigures: Sendable {
    /// The raw figures of one group of cases (a category, or all).
    public struct Group: Sendable, Equatable {
        public var applications: Int64 = 0
        /// Granted (awaiting payout or paid), declined, referred.
        public var granted: Int64 = 0, declined: Int64 = 0, referred: Int64 = 0
        /// Cases with some money paid out.
        public var paid: Int64 = 0
        public var askedCents: Int64 = 0, grantedCents: Int64 = 0, paidCents: Int64 = 0

        static func + (a: Group, b: Group) -> Group {
            Group(
                applications: a.applications + b.applications, granted: a.granted + b.granted, declined: a.declined + b.declined,
                referred: a.referred + b.referred, paid: a.paid + b.paid, askedCents: a.askedCents + b.askedCents,
                grantedCents: a.grantedCents + b.grantedCents, paidCents: a.paidCents + b.paidCents)
        }
    }

    /// A group as the public sees it: nil wherever a figure could point at fewer than five people.
    public struct Shown: Sendable, Equatable {
        public var applications, granted, declined, referred: Int64?
        public var askedCents, grantedCents, paidCents: Int64?
    }

    public var byCategory: [SupportApplication.Category: Group]
    /// Days from application to decision, and to payout, per decided (paid) case.
    public var daysToDecision: [Double] = [], daysToPayout: [Double] = []
    public var updated: Date

    public var total: Group { byCategory.values.reduce(Group(), +) }

    /// One grouped query (sums cast, PostgreSQL's SUM of BIGINT being NUMERIC) and one narrow list of dates (decided cases only): no sealed column is read.
    public static func read(at now: Date, on db: any Database) async throws -> SupportFigures {
        let rows = try await db.sql.raw(
            """
            SELECT category, status, COUNT(*) AS n, CAST(SUM(requested_cents) AS BIGINT) AS asked,
            CAST(SUM(COALESCE(granted_cents, 0)) AS BIGINT) AS granted, CAST(SUM(paid_cents) AS BIGINT) AS paid,
            CAST(SUM(CASE WHEN paid_cents > 0 THEN 1 ELSE 0 END) AS BIGINT) AS paid_cases
            FROM support_applications GROUP BY category, status
            """
        ).all()
        var byCategory = Dictionary(uniqueKeysWithValues: SupportApplication.Category.allCases.map { ($0, Group()) })
        for row in rows {
            guard let category = SupportApplication.Category(rawValue: try row.decode(column: "category", as: String.self)),
                let status = SupportApplication.Status(rawValue: try row.decode(column: "status", as: String.self))
            else { continue }
            let n = try row.decode(column: "n", as: Int64.self)
            var group = byCategory[category]!
            group.applications += n
            switch status {
            case .granted, .paid: group.granted += n
            case .declined: group.declined += n
            case .referred: group.referred += n
            case .received, .question, .proposed, .withdrawn: break
            }
            group.askedCents += try row.decode(column: "asked", as: Int64?.self) ?? 0
            group.grantedCents += try row.decode(column: "granted", as: Int64?.self) ?? 0
            group.paidCents += try row.decode(column: "paid", as: Int64?.self) ?? 0
            group.paid += try row.decode(column: "paid_cases", as: Int64?.self) ?? 0
            byCategory[category] = group
        }
        var figures = SupportFigures(byCategory: byCategory, updated: now)
        let dates = try await db.sql.raw(
            "SELECT created_at, decided_at, paid_at FROM support_applications WHERE decided_at IS NOT NULL"
        ).all()
        for row in dates {
            let created = try row.decode(column: "created_at", as: Date.self)
            if let decided = try row.decode(column: "decided_at", as: Date?.self) {
                figures.daysToDecision.append(decided.timeIntervalSince(created) / 86_400)
            }
            if let paid = try row.decode(column: "paid_at", as: Date?.self) {
                figures.daysToPayout.append(paid.timeIntervalSince(created) / 86_400)
            }
        }
        return figures
    }

    /// Per category, every count under 5 hidden, and the amounts of such a group with it. The
    /// total hides a figure too when the categories hiding it hold 1 to 4 cases between them:
    /// the total minus the shown categories would give those few (and their amounts) away.
    public func shown() -> (byCategory: [SupportApplication.Category: Shown], total: Shown) {
        let categories = byCategory.mapValues(Self.shown)
        var total = Self.shown(total)
        // Each public figure with the raw count that decides whether it is shown.
        let fields: [(shown: WritableKeyPath<Shown, Int64?>, count: KeyPath<Group, Int64>)] = [
            (\.applications, \.applications), (\.granted, \.granted), (\.declined, \.declined), (\.referred, \.referred),
            (\.askedCents, \.applications), (\.grantedCents, \.granted), (\.paidCents, \.paid),
        ]
        for field in fields {
            let hiddenCases = byCategory.filter { categories[$0.key]![keyPath: field.shown] == nil }.values
                .reduce(0) { $0 + $1[keyPath: field.count] }
            if hiddenCases > 0, SmallCount.shown(hiddenCases) == nil { total[keyPath: field.shown] = nil }
        }
        return (categories, total)
    }

    static func shown(_ group: Group) -> Shown {
        let applications = SmallCount.shown(group.applications), granted = SmallCount.shown(group.granted)
        return Shown(
            applications: applications, granted: granted, declined: SmallCount.shown(group.declined),
            referred: SmallCount.shown(group.referred), askedCents: applications.map { _ in group.askedCents },
            grantedCents: granted.map { _ in group.grantedCents },
            paidCents: SmallCount.shown(group.paid).map { _ in group.paidCents })
    }

    /// The median in days, one decimal; nil for fewer than five cases.
    public var medianDaysToDecision: Double? { Self.median(daysToDecision) }
    public var medianDaysToPayout: Double? { Self.median(daysToPayout) }

    static func median(_ values: [Double]) -> Double? {
        guard SmallCount.shown(Int64(values.count)) != nil else { return nil }
        let sorted = values.sorted(), middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        return (median * 10).rounded() / 10
    }
}

extension Application {
    /// The figures kept two seconds, as the fund's own report does: a burst of readers costs one query.
    var supportFigures: ExpiringCache<SupportFigures> {
        guard let cache = storage[SupportFiguresKey.self] else { preconditionFailure("SupportFiguresController makes the cache") }
        return cache
    }

    func makeSupportFiguresCache() {
        let clock = self.clock
        storage[SupportFiguresKey.self] = ExpiringCache(maxAge: 2, now: { clock.now() })
    }

    func readSupportFigures() async throws -> SupportFigures {
        let app = self
        return try await supportFigures.value { try await SupportFigures.read(at: app.clock.now(), on: app.db) }
    }

    private struct SupportFiguresKey: StorageKey { typealias Value = ExpiringCache<SupportFigures> }
}
