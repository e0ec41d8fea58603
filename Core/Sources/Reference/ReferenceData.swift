import Fluent
import Vapor

/// The movement's reference data, read from `Resources/Data/*.csv`: Amsterdam's districts
/// and areas, the 20 domains, and the 2025 targets.
public struct ReferenceData: Sendable {
    public struct District: Sendable, Encodable { public var code, slug, name: String; public var areas: [Area] }
    public struct Area: Sendable, Encodable { public var slug, name: String }
    public struct Domain: Sendable, Encodable { public var slug, nameNL, nameEN: String }

    public var districts: [District]
    public var domains: [Domain]
    public var targets: [String: Int64]

    public static func load(from directory: String) throws -> ReferenceData {
        func rows(_ file: String) throws -> [[String]] {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            return text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        var districts: [District] = []
        for row in try rows("districts.csv") where row.count >= 5 {
            if districts.last?.slug != row[1] { districts.append(District(code: row[0], slug: row[1], name: row[2], areas: [])) }
            districts[districts.count - 1].areas.append(Area(slug: row[3], name: row[4]))
        }
        let domains = try rows("domains.csv").filter { $0.count >= 3 }.map { Domain(slug: $0[0], nameNL: $0[1], nameEN: $0[2]) }
        var targets: [String: Int64] = [:]
        for row in try rows("targets-2025.csv") where row.count >= 2 { targets[row[0]] = Int64(row[1]) }
        targets["fund_raised_cents"] = targets["fund_donations"]
        return ReferenceData(districts: districts, domains: domains, targets: targets)
    }

    public func district(slug: String) -> District? { districts.first { $0.slug == slug } }
}

extension Application {
    public var reference: ReferenceData {
        get { storage[ReferenceKey.self] ?? ReferenceData(districts: [], domains: [], targets: [:]) }
        set { storage[ReferenceKey.self] = newValue }
    }
    private struct ReferenceKey: StorageKey { typealias Value = ReferenceData }
}
