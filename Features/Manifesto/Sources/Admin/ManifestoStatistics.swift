import Fluent
import KrachtCore
import SQLKit
import Vapor

/// What coordinators see: signatures per campaign (and how many of those signers became
/// active), per district and per day, and bursts that look like abuse.
struct ManifestoStatistics: Encodable {
    struct Row: Encodable { var label: String; var signatures: Int; var active: Int }
    struct Burst: Encodable { var kind: String; var value: String; var label: String; var count: Int; var from: String; var to: String; var fromISO: String; var toISO: String }

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
    static let commonDomains: Set<String> = ["gmail.com", "hotmail.com", "outlook.com", "live.nl", "hotmail.nl", "yahoo.com",
                                             "icloud.com", "ziggo.nl", "kpnmail.nl", "xs4all.nl", "planet.nl", "home.nl", "live.com"]

    static func load(app: Application, language: Language) async throws -> ManifestoStatistics {
        let db = app.db
        let counters = try await SignatureCounter.values(on: db)
        let confirmed = Signature.Status.confirmed.rawValue
        let campaignRows = try await db.sql.raw("""
            SELECT COALESCE(campaign, '') AS label, COUNT(*) AS n FROM signatures WHERE status = \(bind: confirmed) GROUP BY campaign ORDER BY n DESC
            """).all()
        let activeRows = try await db.sql.raw("""
            SELECT COALESCE(campaign, '') AS label, COUNT(DISTINCT signature_id) AS n FROM manifesto_follow_ups GROUP BY campaign
            """).all()
        let active = Dictionary(try activeRows.map { (try $0.decode(column: "label", as: String.self), try $0.decode(column: "n", as: Int.self)) },
                                uniquingKeysWith: +)
        let noCampaign = app.catalogue.text("manifesto.admin.no_campaign", in: language)
        let campaigns = try campaignRows.map { row -> Row in
            let label = try row.decode(column: "label", as: String.self)
            return Row(label: label.isEmpty ? noCampaign : label, signatures: try row.decode(column: "n", as: Int.self), active: active[label] ?? 0)
        }
        let names = Dictionary(uniqueKeysWithValues: app.reference.districts.map { ($0.slug, $0.name) })
        let districts = try await db.sql.raw("""
            SELECT district AS label, COUNT(*) AS n FROM signatures WHERE status = \(bind: confirmed) GROUP BY district ORDER BY n DESC
            """).all().map { row in
            let slug = try row.decode(column: "label", as: String.self)
            return Row(label: names[slug] ?? app.catalogue.text("manifesto.outside_amsterdam", in: language),
                       signatures: try row.decode(column: "n", as: Int.self), active: 0)
        }
        let since = app.clock.now().addingTimeInterval(-30 * 86400)
        let recent = try await Signature.query(on: db).filter(\.$status == confirmed).filter(\.$confirmedAt >= since)
            .field(\.$confirmedAt).all()
        let perDay = Dictionary(grouping: recent.compactMap(\.confirmedAt), by: AmsterdamTime.day)
        let days = perDay.keys.sorted(by: >).map { Row(label: $0, signatures: perDay[$0]?.count ?? 0, active: 0) }
        let bursts = try await bursts(app: app, language: language)
        return ManifestoStatistics(
            online: counters[.online] ?? 0, paper: counters[.paper] ?? 0,
            pending: try await Signature.query(on: db).filter(\.$status == Signature.Status.pending.rawValue).count(),
            voided: try await Signature.query(on: db).filter(\.$status == Signature.Status.voided.rawValue).count(),
            campaigns: campaigns, districts: districts, days: days,
            bursts: bursts, noBursts: bursts.isEmpty)
    }

    static func bursts(app: Application, language: Language) async throws -> [Burst] {
        let since = app.clock.now().addingTimeInterval(-86400)
        let rows = try await Signature.query(on: app.db).filter(\.$createdAt >= since)
            .filter(\.$status != Signature.Status.voided.rawValue).filter(\.$source == Signature.Source.online.rawValue)
            .field(\.$createdAt).field(\.$ipHash).field(\.$emailDomain).all()
        var found: [Burst] = []
        func scan(_ kind: String, _ key: (Signature) -> String?, threshold: Int, label: (String) -> String) {
            for (value, group) in Dictionary(grouping: rows, by: { key($0) ?? "" }) where !value.isEmpty && group.count >= threshold {
                let times = group.map(\.createdAt).sorted()
                // The densest ten minutes for this address or domain.
                var best = (count: 0, from: times[0], to: times[0])
                var start = 0
                for end in times.indices {
                    while times[end].timeIntervalSince(times[start]) > burstWindow { start += 1 }
                    if end - start + 1 > best.count { best = (end - start + 1, times[start], times[end]) }
                }
                guard best.count >= threshold else { continue }
                found.append(Burst(kind: kind, value: value, label: label(value), count: best.count,
                                   from: time(best.from), to: time(best.to),
                                   fromISO: ISO8601DateFormatter().string(from: best.from),
                                   toISO: ISO8601DateFormatter().string(from: best.to.addingTimeInterval(1))))
            }
        }
        let ipLabel = app.catalogue.text("manifesto.admin.one_address", in: language)
        scan("ip", \.ipHash, threshold: ipBurst) { "\(ipLabel) \($0.prefix(8))…" }
        scan("domain", { commonDomains.contains($0.emailDomain ?? "") ? nil : $0.emailDomain }, threshold: domainBurst) { "@\($0)" }
        return found.sorted { $0.count > $1.count }
    }

    private static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = AmsterdamTime.zone
        formatter.dateFormat = "d-M HH:mm"
        return formatter.string(from: date)
    }
}
