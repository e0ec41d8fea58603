import Fluent
import KrachtCore
import SQLKit
import Vapor

/// The register's indicators, open data, annual report, and its part of a person's data.
enum CampaignsData {
    // MARK: indicators

    /// Campaigns of `kind` that run in the target year and have started by today: the plan asks
    /// for "at least 1 storytelling campaign" and "2 media campaigns" in 2025, so a campaign
    /// counts in the year it runs in (also when it began the year before), once it has begun.
    static func campaigns(of kind: MovementCampaign.Kind, app: Application) async throws -> Int64 {
        let year = try await app.indicatorTargets(app).year
        let today = AmsterdamTime.day(app.clock.now())
        let started = min(today, "\(year)-12-31")
        let count = try await MovementCampaign.query(on: app.db).filter(\.$kind == kind.rawValue).filter(\.$startsOn <= started)
            .group(.or) { $0.filter(\.$endsOn == nil).filter(\.$endsOn >= "\(year)-01-01") }.count()
        return Int64(count)
    }

    /// Partners whose partnership has begun and not ended, today.
    static func activePartners(app: Application) async throws -> Int64 {
        let today = AmsterdamTime.day(app.clock.now())
        let count = try await Partner.query(on: app.db).filter(\.$since <= today)
            .group(.or) { $0.filter(\.$endedOn == nil).filter(\.$endedOn >= today) }.count()
        return Int64(count)
    }

    static let indicators: [Indicator] = [
        .fromApp(key: "storytelling_campaigns", unit: "campaigns") { app in try await campaigns(of: .storytelling, app: app) },
        .fromApp(key: "media_campaigns", unit: "campaigns") { app in try await campaigns(of: .media, app: app) },
        .fromApp(key: "partnerships", unit: "partners") { app in try await activePartners(app: app) },
    ]

    // MARK: annual report

    static func annualReport(year: Int, app: Application) async throws -> [ReportSection] {
        let campaigns = try await MovementCampaign.all(on: app.db).filter { $0.overlaps(year: year) }.sorted { $0.startsOn < $1.startsOn }
        let results = try await CampaignResults.load(campaigns, app: app)
        let first = "\(year)-01-01"
        let last = "\(year)-12-31"
        let partners = try await Partner.query(on: app.db).filter(\.$since <= last).sort(\.$since).sort(\.$name).all()
            .filter { ($0.endedOn ?? last) >= first }
        let nl = Language.nl
        let campaignItems = try campaigns.map { campaign -> ReportSection.Item in
            let lines = (results[try campaign.requireID()] ?? []).filter { $0.count > 0 }
                .map { app.catalogue.text($0.labelKey, in: nl, ["count": String($0.count)], count: Int($0.count)) }
            let kind = app.catalogue.text("campaigns.kind.\(campaign.kind)", in: nl)
            return ReportSection.Item(
                title: campaign.name, day: campaign.startsOn, detail: ([kind] + lines).joined(separator: " · "),
                path: campaign.codeList.first.map { CampaignsPath.campaign(.value($0)).path })
        }
        var sections = [
            ReportSection(
                titleKey: "campaigns.report.title",
                figures: MovementCampaign.Kind.allCases.map { kind in
                    .init(
                        labelKey: "campaigns.report.kind.\(kind.rawValue)",
                        value: Int64(campaigns.filter { $0.kind == kind.rawValue }.count),
                        unit: "campaigns")
                }, items: campaignItems)
        ]
        sections.append(
            ReportSection(
                titleKey: "partners.report.title",
                figures: [.init(labelKey: "partners.report.count", value: Int64(partners.count), unit: "partners")],
                items: partners.map {
                    .init(
                        title: $0.name, day: $0.since, detail: app.catalogue.text("partners.kind.\($0.kind)", in: nl) + " · " + $0.what,
                        path: CampaignsPath.partners.path)
                }))
        return sections
    }

    // MARK: personal data

    /// What the register holds on a person: the campaigns and partners they entered.
    static func export(of user: User, on db: any Database) async throws -> JSONValue? {
        let id = try user.requireID()
        let campaigns = try await MovementCampaign.query(on: db).filter(\.$createdBy == id).sort(\.$createdAt).all()
        let partners = try await Partner.query(on: db).filter(\.$createdBy == id).sort(\.$createdAt).all()
        if campaigns.isEmpty && partners.isEmpty { return nil }
        return [
            "campaigns_created": .array(campaigns.map { ["name": .string($0.name), "created_at": time($0.createdAt)] }),
            "partners_created": .array(partners.map { ["name": .string($0.name), "created_at": time($0.createdAt)] }),
        ]
    }

    /// The campaigns and partners stay (they are the movement's), without who entered them.
    static func erase(of user: User, on db: any Database) async throws {
        let id = try user.requireID()
        try await MovementCampaign.query(on: db).filter(\.$createdBy == id).set(\.$createdBy, to: nil).update()
        try await Partner.query(on: db).filter(\.$createdBy == id).set(\.$createdBy, to: nil).update()
    }

    private static func time(_ date: Date) -> JSONValue { .string(ISO8601DateFormatter().string(from: date)) }

    /// Logos no partner uses any more (a partner removed, a logo replaced, an upload cut short).
    static func purgeLogos(app: Application) async throws {
        let directory = app.config.dataDirectory + "/" + SetPartnerLogo.folder
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory), !files.isEmpty else { return }
        let used = Set(try await Partner.query(on: app.db).filter(\.$logo != nil).all().compactMap { $0.logo.map(SetPartnerLogo.stem) })
        // `<name>.<ext>` and its web sizes `<name>-<width>.<ext>`.
        let stems = Set(
            files.map { file -> String in
                let base = String(file.split(separator: ".").first ?? "")
                let width = base.lastIndex(of: "-").map { base[base.index(after: $0)...] } ?? ""
                guard !width.isEmpty, width.count <= 5, width.allSatisfy(\.isNumber) else { return base }
                return String(base.dropLast(width.count + 1))
            })
        for stem in stems where !stem.isEmpty && !used.contains(stem) {
            try? ImageUpload.remove(name: stem, folder: SetPartnerLogo.folder, app: app)
        }
    }

    // MARK: verify

    static func verify(app: Application) async throws -> [String] {
        var problems: [String] = []
        let codes = try await CampaignCode.query(on: app.db).all()
        for code in codes where !CampaignCode.isWellFormed(code.code) { problems.append("campaign code '\(code.code)' is not well-formed") }
        let repeated = Dictionary(grouping: codes, by: \.code).filter { $0.value.count > 1 }.keys.sorted()
        for code in repeated { problems.append("campaign code '\(code)' belongs to more than one campaign") }
        for campaign in try await MovementCampaign.query(on: app.db).all() {
            if AmsterdamTime.parseDay(campaign.startsOn) == nil { problems.append("campaign '\(campaign.name)' has no valid start day") }
            if let end = campaign.endsOn, end < campaign.startsOn { problems.append("campaign '\(campaign.name)' ends before it starts") }
        }
        for partner in try await Partner.query(on: app.db).all() {
            if let end = partner.endedOn, end < partner.since { problems.append("partner '\(partner.name)' ends before it began") }
            if let site = partner.website, !SavePartner.isWebsite(site) {
                problems.append("partner '\(partner.name)' has a website that is not https")
            }
        }
        return problems
    }
}
