import Fluent
import KrachtCore
import SQLKit
import Vapor

/// Figures per campaign, counts only: what a coordinator reports to partners and the press.
struct CampaignFigures: Encodable, Sendable {
    struct Day: Encodable, Sendable, Equatable {
        var day: String
        var online: Int
        var paper: Int
        var total: Int { online + paper }
    }
    struct Totals: Encodable, Sendable, Equatable {
        var online = 0
        var paper = 0
        var pending = 0
        var active = 0
        var confirmed: Int { online + paper }
    }

    var totals: Totals
    var days: [Day]

    /// The longest stretch drawn and listed day by day.
    static let maxDays = 92

    /// Every signer's own code (`deel-…`, one per person, see `ShareCode`) counts as this one
    /// group: a row per signer would flood the figures and put pseudonymous per-person data in
    /// the press export. Registered campaigns cannot take it (`SaveCampaign`).
    static let sharedGroup = "deel"

    /// `column`'s campaign as figures group it: signers' codes as `sharedGroup`, none as "".
    static func group(_ column: String = "campaign") -> SQLQueryString {
        "CASE WHEN \(ident: column) LIKE \(literal: ShareCode.prefix + "%") THEN \(literal: sharedGroup) ELSE COALESCE(\(ident: column), '') END"
    }

    /// Totals per campaign group, "" for signatures without a code; `campaign` reads just that code.
    static func totals(campaign: String? = nil, on db: any Database) async throws -> [String: Totals] {
        var result: [String: Totals] = [:]
        let which: SQLQueryString = campaign.map { "campaign = \(bind: $0)" } ?? "1 = 1"
        let rows = try await db.sql.raw(
            """
            SELECT \(group()) AS code, source, status, COUNT(*) AS n FROM signatures
            WHERE status <> 'voided' AND \(which) GROUP BY 1, 2, 3
            """
        ).all()
        for row in rows {
            let code = try row.decode(column: "code", as: String.self)
            let n = try row.decode(column: "n", as: Int.self)
            let status = try row.decode(column: "status", as: String.self)
            let paper = try row.decode(column: "source", as: String.self) == Signature.Source.paper.rawValue
            if status == Signature.Status.pending.rawValue {
                result[code, default: Totals()].pending += n
            } else if paper {
                result[code, default: Totals()].paper += n
            } else {
                result[code, default: Totals()].online += n
            }
        }
        let active = try await db.sql.raw(
            "SELECT \(group()) AS code, COUNT(DISTINCT signature_id) AS n FROM manifesto_follow_ups WHERE \(which) GROUP BY 1"
        ).all()
        for row in active {
            result[try row.decode(column: "code", as: String.self), default: Totals()].active += try row.decode(column: "n", as: Int.self)
        }
        return result
    }

    /// One campaign: its totals, and its confirmations per Amsterdam day over its period (or
    /// the last 30 days while it has none), every day listed, quiet ones as zero.
    static func load(_ campaign: Campaign, now: Date, on db: any Database) async throws -> CampaignFigures {
        let totals = try await totals(campaign: campaign.code, on: db)[campaign.code] ?? Totals()
        let today = AmsterdamTime.day(now)
        let last = min(campaign.endsOn ?? today, today)
        var first = campaign.startsOn ?? AmsterdamTime.addingDays(-29, to: last)
        if AmsterdamTime.addingDays(maxDays - 1, to: first) < last { first = AmsterdamTime.addingDays(-(maxDays - 1), to: last) }
        var days: [Day] = []
        var day = first
        while day <= last {
            days.append(Day(day: day, online: 0, paper: 0))
            day = AmsterdamTime.addingDays(1, to: day)
        }
        guard let start = AmsterdamTime.parseDay(first) else { return CampaignFigures(totals: totals, days: []) }
        let counts = try await perDay(campaign: campaign.code, since: start, on: db)
        for index in days.indices {
            days[index].online = counts[days[index].day]?.online ?? 0
            days[index].paper = counts[days[index].day]?.paper ?? 0
        }
        return CampaignFigures(totals: totals, days: days)
    }

    /// Confirmations per campaign and Amsterdam day, counted per UTC hour in the database (as
    /// `ManifestoStatistics.days` does); `campaign` nil gives every campaign group, keyed "code day".
    static func perDay(campaign: String?, since: Date, on db: any Database) async throws -> [String: Day] {
        let hour = db.isPostgres ? "CAST(FLOOR(EXTRACT(EPOCH FROM confirmed_at) / 3600) AS BIGINT)" : "CAST(confirmed_at / 3600 AS INTEGER)"
        let which: SQLQueryString = campaign.map { "campaign = \(bind: $0)" } ?? "1 = 1"
        let rows = try await db.sql.raw(
            """
            SELECT \(group()) AS code, \(unsafeRaw: hour) AS hour, source, COUNT(*) AS n FROM signatures
            WHERE status = 'confirmed' AND \(which) AND confirmed_at >= \(bind: since) GROUP BY 1, 2, 3
            """
        ).all()
        var result: [String: Day] = [:]
        for row in rows {
            let start = Date(timeIntervalSince1970: Double(try row.decode(column: "hour", as: Int64.self)) * 3600)
            let day = AmsterdamTime.day(start)
            let key = campaign == nil ? try row.decode(column: "code", as: String.self) + " " + day : day
            let n = try row.decode(column: "n", as: Int.self)
            var entry = result[key] ?? Day(day: day, online: 0, paper: 0)
            if try row.decode(column: "source", as: String.self) == Signature.Source.paper.rawValue {
                entry.paper += n
            } else {
                entry.online += n
            }
            result[key] = entry
        }
        return result
    }
}
