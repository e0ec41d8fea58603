import CSV
import Fluent
import Vapor

/// The movement's reference data, read from `Resources/Data/*.csv`: Amsterdam's districts
/// and areas, the 20 domains, the municipal policy agendas, the volunteering figures (the average
/// hourly wage that values a volunteer hour) and the targets of the policy plan's year (`targets-<year>.csv`).
public struct ReferenceData: Sendable {
    public struct District: Sendable, Encodable {
        public var code, slug, name: String
        public var areas: [Area]
    }
    public struct Area: Sendable, Encodable { public var slug, name: String }
    public struct Domain: Sendable, Encodable { public var slug, nameNL, nameEN: String }
    /// A municipal policy agenda an initiative can relate to; its name is Dutch only (a proper name).
    public struct PolicyAgenda: Sendable, Encodable { public var slug, name: String }

    public var districts: [District]
    public var domains: [Domain]
    public var policyAgendas: [PolicyAgenda]
    /// What one volunteer hour is worth, in cents: the CBS average hourly wage (`volunteering-facts.csv`).
    public var volunteerHourCents: Int64
    public var targets: [String: Int64]
    /// The year the targets are for: data, from the file's name, so a new plan is a new file.
    public var targetsYear: Int

    public static func load(from directory: String) throws -> ReferenceData {
        var districts: [District] = []
        for row in try table(directory + "/districts.csv") {
            let slug = try row.field("district_slug")
            if districts.last?.slug != slug {
                districts.append(
                    District(
                        code: try row.field("district_code"), slug: slug,
                        name: try row.field("district_name"), areas: []))
            }
            districts[districts.count - 1].areas.append(Area(slug: try row.field("area_slug"), name: try row.field("area_name")))
        }
        let domains = try table(directory + "/domains.csv").map {
            Domain(slug: try $0.field("slug"), nameNL: try $0.field("name_nl"), nameEN: try $0.field("name_en"))
        }
        let policyAgendas = try table(directory + "/policy-agendas.csv").map {
            PolicyAgenda(slug: try $0.field("slug"), name: try $0.field("name_nl"))
        }
        var facts: [String: String] = [:]
        for row in try table(directory + "/volunteering-facts.csv") { facts[try row.field("fact")] = try row.field("value") }
        guard let hourCents = facts["average_hourly_wage"].flatMap({ Int64($0) }) else {
            throw Abort(.internalServerError, reason: "\(directory)/volunteering-facts.csv has no average_hourly_wage in cents")
        }
        let (targetsYear, targetsFile) = try latestTargets(in: directory)
        var targets: [String: Int64] = [:]
        for row in try table(targetsFile) {
            targets[try row.field("indicator")] = Int64(try row.field("target"))
        }
        targets["fund_raised_cents"] = targets["fund_donations"]
        return ReferenceData(
            districts: districts, domains: domains, policyAgendas: policyAgendas, volunteerHourCents: hourCents,
            targets: targets, targetsYear: targetsYear)
    }

    /// The newest `targets-<year>.csv` in the folder, with its year.
    static func latestTargets(in directory: String) throws -> (year: Int, path: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let years = names.compactMap { name -> Int? in
            guard name.hasPrefix("targets-"), name.hasSuffix(".csv") else { return nil }
            return Int(name.dropFirst("targets-".count).dropLast(".csv".count))
        }
        guard let year = years.max() else { throw Abort(.internalServerError, reason: "\(directory) has no targets-<year>.csv") }
        return (year, directory + "/targets-\(year).csv")
    }

    /// Whether the targets' year is over, in Amsterdam.
    public func targetsYearHasPassed(at now: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = AmsterdamTime.zone
        return calendar.component(.year, from: now) > targetsYear
    }

    /// One row of a reference file, by column name.
    struct Row {
        var file: String
        var values: [String: String]
        func field(_ column: String) throws -> String {
            guard let value = values[column] else { throw Abort(.internalServerError, reason: "\(file) has no column \(column)") }
            return value
        }
    }

    /// The rows of a CSV file with a header row (RFC 4180: quoted cells may hold commas);
    /// blank lines are skipped, a byte order mark (as Excel saves) ignored.
    static func table(_ path: String) throws -> [Row] {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        let header = reader.headerRow ?? []
        var rows: [Row] = []
        while let fields = reader.next() {
            guard fields.contains(where: { !$0.isEmpty }) else { continue }
            rows.append(Row(file: path, values: Dictionary(zip(header, fields), uniquingKeysWith: { first, _ in first })))
        }
        if let error = reader.error { throw error }
        return rows
    }

    public func district(slug: String) -> District? { districts.first { $0.slug == slug } }
    public func area(slug: String) -> Area? { districts.lazy.flatMap(\.areas).first { $0.slug == slug } }
    /// The district an area lies in.
    public func district(ofArea area: String) -> District? { districts.first { $0.areas.contains { $0.slug == area } } }
    public func domain(slug: String) -> Domain? { domains.first { $0.slug == slug } }
    public func policyAgenda(slug: String) -> PolicyAgenda? { policyAgendas.first { $0.slug == slug } }
}

extension Application {
    public var reference: ReferenceData {
        get {
            storage[ReferenceKey.self]
                ?? ReferenceData(districts: [], domains: [], policyAgendas: [], volunteerHourCents: 0, targets: [:], targetsYear: 0)
        }
        set { storage[ReferenceKey.self] = newValue }
    }
    private struct ReferenceKey: StorageKey { typealias Value = ReferenceData }
}

extension Request {
    /// How a target is introduced, with its year: "doel voor 2025", and once that year is over
    /// "doel voor 2025 (afgelopen)", so nobody reads an old goal as today's.
    public func targetLabel() -> String {
        let reference = application.reference
        let key = reference.targetsYearHasPassed(at: application.clock.now()) ? "target.for_past_year" : "target.for_year"
        return t(key, ["year": String(reference.targetsYear)])
    }
}
