import Fluent
import KrachtCore
import Vapor

/// What the manifesto page shows: the text, the count against the target, the latest signers
/// who chose to be shown (first name and district only), and the form.
struct ManifestoPage: Encodable {
    /// A signed-in person who signed sees that, with the date, instead of the form.
    var signed: Signed?
    var number: Int
    var title: String
    var paragraphs: [String]
    var publishedAt: String
    var count: CountSnapshot
    /// "doel voor 2025", saying so once that year is over: the target's year is data.
    var targetLabel: String
    var districts: [DistrictOption]
    var form: FormState
    var signedInName: String?
    var anonymous: Bool
    var fundAvailable: Bool

    struct Signed: Encodable {
        var date: String
        /// Signed, but not yet confirmed by the mail's link.
        var pending: Bool
        var share: ShareLinks?
    }

    struct DistrictOption: Encodable {
        var slug: String
        var name: String
        var selected: Bool
    }

    struct FormState: Encodable {
        var values: [String: String] = [:]
        var errors = FormErrors()
        var token: String
        var ref: String
        var showName: Bool = false
        var newsletter: Bool = false
    }
}

struct CountSnapshot: Encodable, Sendable {
    var total: Int64
    var online: Int64
    var paper: Int64
    var target: Int64
    var percent: Int
    var latest: [LatestSigner]
    var hasLatest: Bool
    var hasPaper: Bool

    struct LatestSigner: Encodable, Sendable {
        var firstName: String
        /// nil for someone from outside Amsterdam: no district to name.
        var district: String?
    }
}

/// The public numbers, read at most once a second however many people look (a spike of
/// sign-ups must not turn every page view into database work). Every change to the count clears
/// it (`SignatureCounter.changed`), so a shared page (kept ~1 s, `PageCache`) shows a count at most
/// a second old; another instance's confirmations show within a second more.
final class CountCache: Sendable {
    private let cache = ExpiringCache<CountSnapshot>(maxAge: 1)

    func snapshot(app: Application) async throws -> CountSnapshot {
        try await cache.value { try await Self.read(app: app) }
    }

    func clear() { cache.clear() }

    private static func read(app: Application) async throws -> CountSnapshot {
        let counters = try await SignatureCounter.values(on: app.db)
        let online = counters[.online] ?? 0, paper = counters[.paper] ?? 0
        let target = app.reference.targets["manifesto_signatures"] ?? 10_000
        let recent = try await Signature.query(on: app.db)
            .filter(\.$status == Signature.Status.confirmed.rawValue).filter(\.$showName == true)
            .filter(\.$source == Signature.Source.online.rawValue)
            .sort(\.$confirmedAt, .descending).limit(40).all()
        let names = Dictionary(uniqueKeysWithValues: app.reference.districts.map { ($0.slug, $0.name) })
        // "Daan, West" four times says less than four different people: each pair once.
        var seen = Set<String>()
        let distinct = recent.map { CountSnapshot.LatestSigner(firstName: $0.firstName, district: names[$0.district]) }
            .filter { seen.insert($0.firstName + "\u{0}" + ($0.district ?? "")).inserted }.prefix(8)
        return CountSnapshot(
            total: online + paper, online: online, paper: paper, target: target,
            percent: target > 0 ? Int(min(100, (online + paper) * 100 / target)) : 0,
            latest: Array(distinct), hasLatest: !distinct.isEmpty, hasPaper: paper > 0)
    }
}

extension Application {
    var manifestoCount: CountCache {
        if let cache = storage[CountKey.self] { return cache }
        let cache = CountCache()
        storage[CountKey.self] = cache
        return cache
    }
    private struct CountKey: StorageKey { typealias Value = CountCache }
}
