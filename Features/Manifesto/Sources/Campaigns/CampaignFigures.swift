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

    /// Totals for every campaign code seen, "" for signatures without one.
    static func totals(on db: any Database) async throws -> [String: Totals] {
        var result: [String: Totals] = [:]
        let rows = try await db.sql.raw(
            """
            SELECT COALESCE(campaign, '') AS code, source, status, COUNT(*) AS n FROM signatures
            WHERE status <> 'voided' GROUP BY campaign, source, status
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
            "SELECT COALESCE(campaign, '') AS code, COUNT(DISTINCT signature_id) AS n FROM manifesto_follow_ups GROUP BY campaign"
        ).all()
        for row in active {
            result[try row.decode(column: "code", as: String.self), default: Totals()].active += try row.decode(column: "n", as: Int.self)
        }
        return result
    }

    /// One campaign: its totals, and its confirmations per Amsterdam day over its period (or
    /// the last 30 days while it has none), every day listed, quiet ones as zero.
    static func load(_ campaign: Campaign, now: Date, on db: any Database) async throws -> CampaignFigures {
        let totals = try await totals(on: db)[campaign.code] ?? Totals()
        let today = AmsterdamTime.day(now)
        let last = min(campaign.endsOn ?? today, today)
        var first = campaign.startsOn ?? Self.day(last, adding: -29)
        if Self.day(first, adding: maxDays - 1) < last { first = Self.day(last, adding: -(maxDays - 1)) }
        var days: [Day] = []
        var day = first
        while day <= last {
            days.append(Day(day: day, online: 0, paper: 0))
            day = Self.day(day, adding: 1)
        }
        guard let start = Self.start(of: first) else { return CampaignFigures(totals: totals, days: []) }
        let counts = try await perDay(campaign: campaign.code, since: start, on: db)
        for index in days.indices {
            days[index].online = counts[days[index].day]?.online ?? 0
            days[index].paper = counts[days[index].day]?.paper ?? 0
        }
        return CampaignFigures(totals: totals, days: days)
    }

    /// Confirmations per campaign and Amsterdam day, counted per UTC hour in the database (as
    /// `ManifestoStatistics.days` does); `campaign` nil gives every campaign, keyed "code day".
    static func perDay(campaign: String?, since: Date, on db: any Database) async throws -> [String: Day] {
        let hour = db.isPostgres ? "CAST(FLOOR(EXTRACT(EPOCH FROM confirmed_at) / 3600) AS BIGINT)" : "CAST(confirmed_at / 3600 AS INTEGER)"
        let which: SQLQueryString = campaign.map { "campaign = \(bind: $0)" } ?? "1 = 1"
        let rows = try await db.sql.raw(
            """
            SELECT COALESCE(campaign, '') AS code, \(unsafeRaw: hour) AS hour, source, COUNT(*) AS n FROM signatures
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

    static func start(of day: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = AmsterdamTime.zone
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: day)
    }

    static func day(_ day: String, adding days: Int) -> String {
        guard let start = start(of: day) else { return day }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = AmsterdamTime.zone
        // Noon, so a daylight-saving change never moves the day.
        let noon = start.addingTimeInterval(12 * 3600)
        return AmsterdamTime.day(calendar.date(byAdding: .day, value: days, to: noon) ?? noon)
    }
}
