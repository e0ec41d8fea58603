import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

/// Saves a resident's matching profile: every part optional, every part checked, and all of it
/// (the row, its skills, its domains) replaced in one transaction — or nothing at all.
struct SaveProfile: Sendable {
    struct Input: Content {
        var domains: [String] = []
        var skills: String?
        var district: String?
        var area: String?
        var availability: [String] = []
        var languages: [String] = []
        var findable: String?
        var digest: String?
    }
    enum Outcome: Sendable, Equatable { case saved, invalid(FormErrors) }

    let app: Application

    func run(for user: User, _ input: Input, language: Language) async throws -> Outcome {
        let t = { (key: String, arguments: [String: String]) in app.catalogue.text(key, in: language, arguments) }
        var errors = FormErrors()

        let knownDomains = Set(app.reference.domains.map(\.slug))
        let domains = Set(input.domains)
        if domains.count > knownDomains.count || !domains.isSubset(of: knownDomains) {
            errors.add("domains", t("matching.profile.error.domain", [:]))
        }
        let (skillNames, skillProblem) = SkillList.split(input.skills)
        if let skillProblem { errors.add("skills", SkillList.message(for: skillProblem, t)) }

        let districtSlug = input.district.flatMap { $0.isEmpty ? nil : $0 }
        let areaSlug = input.area.flatMap { $0.isEmpty ? nil : $0 }
        var district = districtSlug.flatMap(app.reference.district(slug:))
        if districtSlug != nil && district == nil { errors.add("district", t("matching.profile.error.district", [:])) }
        if let areaSlug {
            // An area alone names its district; with a district it must lie in it.
            let home = app.reference.districts.first { $0.areas.contains { $0.slug == areaSlug } }
            if home == nil {
                errors.add("area", t("matching.profile.error.area", [:]))
            } else if let district, district.slug != home?.slug {
                errors.add("area", t("matching.profile.error.area_district", ["district": district.name]))
            } else if districtSlug == nil {
                district = home
            }
        }

        let grid = input.availability.count <= AvailabilityGrid.cellCount ? AvailabilityGrid.parse(input.availability) : nil
        if grid == nil { errors.add("availability", t("matching.profile.error.availability", [:])) }
        let languages = input.languages.count <= SpokenLanguage.all.count ? SpokenLanguage.join(input.languages) : nil
        if languages == nil { errors.add("languages", t("matching.profile.error.language", [:])) }

        guard errors.isEmpty, let grid, let languages else { return .invalid(errors) }
        let savedDistrict = district?.slug
        let now = app.clock.now()
        let userID = try user.requireID()
        do {
            try await save(
                userID, district: savedDistrict, area: areaSlug, grid: grid, languages: languages, input, skillNames, domains, now)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two first saves at once: the unique user_id let one in; this one now finds its row.
            try await save(
                userID, district: savedDistrict, area: areaSlug, grid: grid, languages: languages, input, skillNames, domains, now)
        }
        return .saved
    }

    private func save(
        _ userID: UUID, district savedDistrict: String?, area areaSlug: String?, grid: AvailabilityGrid, languages: String, _ input: Input,
        _ skillNames: [String], _ domains: Set<String>, _ now: Date
    ) async throws {
        try await app.db.writeTransaction { db in
            let profile = try await ResidentProfile.query(on: db).filter(\.$userID == userID).first() ?? ResidentProfile()
            if profile.id == nil {
                profile.id = UUID()
                profile.userID = userID
                profile.lastDigestAt = nil
            }
            profile.district = savedDistrict
            profile.area = areaSlug
            profile.availability = grid.bits
            profile.languages = languages
            profile.findable = input.findable != nil
            profile.digest = input.digest != nil
            profile.updatedAt = now
            try await profile.save(on: db)

            try await ProfileSkill.query(on: db).filter(\.$userID == userID).delete()
            for skill in try await SkillList.resolve(skillNames, at: now, on: db).prefix(SkillList.maxPerList) {
                let row = ProfileSkill()
                row.userID = userID
                row.skillID = try skill.requireID()
                try await row.create(on: db)
            }
            try await ProfileDomain.query(on: db).filter(\.$userID == userID).delete()
            for domain in domains.sorted() {
                let row = ProfileDomain()
                row.userID = userID
                row.domain = domain
                try await row.create(on: db)
            }
        }
    }
}
