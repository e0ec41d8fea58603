import Fluent
import KrachtCore
import SQLKit
import Vapor

/// What coordinators see: signatures per campaign (and how many of those signers became
/// active), per district and per day, and bursts that look like abuse.
struct ManifestoStatistics: Encodable {
    struct Row: Encodable {
        var label: String
        var signatures: Int
        var active: Int
    }
    struct Burst: Encodable {
        var kind: String
        var value: String
        var label: String
        var count: Int
        var from: String
        var to: String
        var fromISO: String
        var toISO: String
    }

    var online: Int64
    var paper: Int64
    var pending: Int
    var voided: Int
    var campaigns: [Row]
    var districts: [Row]
    var days: [Row]
    var bursts: [Burst]
    var noBursts: Bool

    /// Many sign-ups from one address or one small mail domain within ten minutes.
    static let burstWindow: TimeInterval = 600
    static let ipBurst = 10
    static let domainBurst = 20
    static let commonDomains: Set<String> = [
        "gmail.com", "hotmail.com", "outlook.com", "live.nl", "hotmail.nl", "yahoo.com",
        "icloud.com", "ziggo.nl", "kpnmail.nl", "xs4all.nl", "planet.nl", "home.nl", "live.com",
    ]

    static func load(app: Application, language: Language) async throws -> ManifestoStatistics {
        let db = app.db
        let counters = try await SignatureCounter.values(on: db)
        let confirmed = Signature.Status.confirmed.rawValue
        let campaignRows = try await db.sql.raw(
            """
            SELECT \(CampaignFigures.group()) AS label, COUNT(*) AS n FROM signatures WHERE status = \(bind: confirmed)
            GROUP BY 1 ORDER BY n DESC
            """
        ).all()
        let activeRows = try await db.sql.raw(
            """
            SELECT \(CampaignFigures.group()) AS label, COUNT(DISTINCT signature_id) AS n FROM manifesto_follow_ups GROUP BY 1
            """
        ).all()
        let active = Dictionary(
            try activeRows.map { (try $0.decode(column: "label", as: String.self), try $0.decode(column: "n", as: Int.self)) },
            uniquingKeysWith: +)
        let noCampaign = app.catalogue.text("manifesto.admin.no_campaign", in: language)
        let shared = app.catalogue.text("manifesto.campaign.shared_by_signers", in: language)
        let campaigns = try campaignRows.map { row -> Row in
            let label = try row.decode(column: "label", as: String.self)
            return Row(
                label: label.isEmpty ? noCampaign : label == CampaignFigures.sharedGroup ? shared : label,
                signatures: try row.decode(column: "n", as: Int.self), active: active[label] ?? 0)
        }
        let names = Dictionary(uniqueKeysWithValues: app.reference.districts.map { ($0.slug, $0.name) })
        let districts = try await db.sql.raw(
            """
            SELECT district AS label, COUNT(*) AS n FROM signatures WHERE status = \(bind: confirmed) GROUP BY district ORDER BY n DESC
            """
        ).all().map { row in
            let slug = try row.decode(column: "label", as: String.self)
            return Row(
                label: names[slug] ?? app.catalogue.text("manifesto.outside_amsterdam", in: language),
                signatures: try row.decode(column: "n", as: Int.self), active: 0)
        }
        let days = try await days(since: app.clock.now().addingTimeInterval(-30 * 86400), on: db)
        let bursts = try await bursts(app: app, language: language)
        return ManifestoStatistics(
            online: counters[.online] ?? 0, paper: counters[.paper] ?? 0,
            pending: try await Signature.query(on: db).filter(\.$status == Signature.Status.pending.rawValue).count(),
            voided: try await Signature.query(on: db).filter(\.$status == Signature.Status.voided.rawValue).count(),
            campaigns: campaigns, districts: districts, days: days,
            bursts: bursts, noBursts: bursts.isEmpty)
    }

    /// Confirmations per day in Amsterdam, counted per UTC hour in the database (at most 720
    /// rows for 30 days, however many signatures) and added up per day here: Amsterdam's offset
    /// is whole hours, so every hour falls in one Amsterdam day.
    static func days(since: Date, on db: any Database) async throws -> [Row] {
        let hour = db.isPostgres ? "CAST(FLOOR(EXTRACT(EPOCH FROM confirmed_at) / 3600) AS BIGINT)" : "CAST(confirmed_at / 3600 AS INTEGER)"
        let rows = try await db.sql.raw(
            """
            SELECT \(unsafeRaw: hour) AS hour, COUNT(*) AS n FROM signatures
            WHERE status = 'confirmed' AND confirmed_at >= \(bind: since) GROUP BY 1
            """
        ).all()
        var perDay: [String: Int] = [:]
        for row in rows {
            let start = Date(timeIntervalSince1970: Double(try row.decode(column: "hour", as: Int64.self)) * 3600)
            perDay[AmsterdamTime.day(start), default: 0] += try row.decode(column: "n", as: Int.self)
        }
        return perDay.keys.sorted(by: >).map { Row(label: $0, signatures: perDay[$0] ?? 0, active: 0) }
    }

    /// The database finds the addresses and domains with enough sign-ups in the last day to be
    /// a burst at all; only their times are read, to find their densest ten minutes.
    static func bursts(app: Application, language: Language) async throws -> [Burst] {
        let db = app.db
        let since = app.clock.now().addingTimeInterval(-86400)
        let recent: SQLQueryString = """
            created_at >= \(bind: since) AND status <> 'voided' AND source = 'online'
            """
        let uncommon: SQLQueryString = " AND email_domain NOT IN (\(binds: commonDomains.sorted()))"
        var found: [Burst] = []
        func scan(_ kind: String, column: String, threshold: Int, also: SQLQueryString = "", label: (String) -> String) async throws {
            let candidates = try await db.sql.raw(
                """
                SELECT \(ident: column) AS value, COUNT(*) AS n FROM signatures
                WHERE \(recent) AND \(ident: column) IS NOT NULL\(also)
                GROUP BY \(ident: column) HAVING COUNT(*) >= \(literal: threshold) ORDER BY n DESC LIMIT 50
                """
            ).all().map { try $0.decode(column: "value", as: String.self) }
            for value in candidates where !value.isEmpty {
                let times = try await db.sql.raw(
                    """
                    SELECT created_at FROM signatures WHERE \(recent) AND \(ident: column) = \(bind: value) ORDER BY created_at
                    """
                ).all().map { try $0.decode(column: "created_at", as: Date.self) }
                // The densest ten minutes for this address or domain.
                var best = (count: 0, from: times[0], to: times[0])
                var start = 0
                for end in times.indices {
                    while times[end].timeIntervalSince(times[start]) > burstWindow { start += 1 }
                    if end - start + 1 > best.count { best = (end - start + 1, times[start], times[end]) }
                }
                guard best.count >= threshold else { continue }
                found.append(
                    Burst(
                        kind: kind, value: value, label: label(value), count: best.count,
                        from: time(best.from), to: time(best.to),
                        fromISO: ISO8601DateFormatter().string(from: best.from),
                        toISO: ISO8601DateFormatter().string(from: best.to.addingTimeInterval(1))))
            }
        }
        let ipLabel = app.catalogue.text("manifesto.admin.one_address", in: language)
        try await scan("ip", column: "ip_hash", threshold: ipBurst) { "\(ipLabel) \($0.prefix(8))…" }
        try await scan("domain", column: "email_domain", threshold: domainBurst, also: uncommon) { "@\($0)" }
        return found.sorted { $0.count > $1.count }
    }

    private static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = AmsterdamTime.zone
        formatter.dateFormat = "d-M HH:mm"
        return formatter.string(from: date)
    }
}
