import Fluent
import Foundation
import Initiatives
import KrachtCore
import SQLKit

/// The fill's actions and residents' profiles (`InitiativesFill`).
extension InitiativesFill {
    /// Actions on the initiatives (most on approved ones), created over the last 8 weeks so a
    /// week's digest has about an eighth of them to offer; tasks start in the coming weeks.
    func actions(
        _ placed: [(id: UUID, kind: Int, district: String?, area: String?, approved: Bool, name: String)], skillIDs: [UUID],
        userIDs: [UUID], organiserPool: Int, now: Date, random: inout FillRandom
    ) async throws -> Int {
        guard !placed.isEmpty else { return 0 }
        let approved = placed.filter(\.approved)
        var actions = BulkRows(
            InitiativeAction.schema,
            [
                "id", "initiative_id", "title", "description", "kind", "minutes_needed", "starts_at", "weekday", "day_part", "slots",
                "online", "district", "area", "languages", "places", "accepted_count", "status", "created_by", "created_at", "updated_at",
            ])
        var actionSkills = BulkRows(ActionSkill.schema, ["id", "action_id", "skill_id"])
        for n in 0..<numbers.actions {
            let initiative = approved.isEmpty || random.chance(4) ? random.pick(placed) : random.pick(approved)
            let kind = FillVocabulary.kinds[initiative.kind]
            let id = UUID(), title = random.pick(kind.actions)
            let actionKind: InitiativeAction.Kind = [.task, .task, .shift, .shift, .role][n % 5]
            var startsAt: Date?, weekday: Int?, dayPart: AvailabilityGrid.DayPart?, slots = 0
            switch actionKind {
            case .task:
                startsAt = now.addingTimeInterval(Double(2 + random.int(0..<(45 * 24))) * 3_600)
                slots = AvailabilityGrid.of(startsAt!).bits
            case .shift:
                weekday = random.int(1..<8)
                dayPart = random.pick(AvailabilityGrid.DayPart.allCases)
                slots = AvailabilityGrid.bit(weekday: weekday!, part: dayPart!)
            case .role: break
            }
            let online = actionKind == .role ? random.chance(40) : random.chance(3)
            let created = now.addingTimeInterval(-Double(random.int(60..<(56 * 86_400))))
            let status: InitiativeAction.Status = n % 19 == 4 ? .closed : n % 29 == 9 ? .cancelled : .open
            actions.add([
                id, initiative.id, title, "\(title) bij \(initiative.name). \(kind.summary)", actionKind.rawValue,
                random.pick([60, 90, 120, 180, 240]), startsAt, weekday, dayPart?.rawValue, slots, online,
                online ? nil : initiative.district, online ? nil : initiative.area, random.pick(FillVocabulary.languageMixes),
                random.int(1..<13), 0, status.rawValue, userIDs[n % organiserPool], created, created,
            ])
            for skill in Set((0..<random.int(1..<4)).map { _ in random.pick(skillIDs) }) { actionSkills.add([UUID(), id, skill]) }
        }
        try await actions.insert(into: app.db)
        try await actionSkills.insert(into: app.db)
        return numbers.actions
    }

    /// One profile per resident: a place (most), free time, languages, skills and domains;
    /// every one opted in to the digest (the benchmark's worst case) and half findable; some follow initiatives.
    func profiles(_ userIDs: [UUID], skillIDs: [UUID], initiatives: [UUID], now: Date, random: inout FillRandom) async throws {
        let areas = app.reference.districts.flatMap { district in district.areas.map { (district.slug, $0.slug) } }
        let domainSlugs = app.reference.domains.map(\.slug)
        var profiles = BulkRows(
            ResidentProfile.schema,
            [
                "id", "user_id", "district", "area", "availability", "languages", "findable", "digest", "last_digest_at", "updated_at",
            ])
        var skills = BulkRows(ProfileSkill.schema, ["id", "user_id", "skill_id"])
        var domains = BulkRows(ProfileDomain.schema, ["id", "user_id", "domain"])
        var follows = BulkRows(InitiativeFollow.schema, ["id", "initiative_id", "user_id", "created_at"])
        for userID in userIDs {
            let place = random.chance(90) ? random.pick(areas) : nil
            var grid = AvailabilityGrid()
            for _ in 0..<random.int(0..<7) {
                grid.insert(weekday: random.int(1..<8), part: random.pick(AvailabilityGrid.DayPart.allCases))
            }
            profiles.add([
                UUID(), userID, place?.0, place?.1, grid.bits, random.pick(FillVocabulary.languageMixes), random.chance(50), true,
                Date?.none, now,
            ])
            for skill in Set((0..<random.int(1..<6)).map { _ in random.pick(skillIDs) }) { skills.add([UUID(), userID, skill]) }
            for domain in Set((0..<random.int(1..<4)).map { _ in random.pick(domainSlugs) }) { domains.add([UUID(), userID, domain]) }
            if !initiatives.isEmpty, random.chance(40) {
                for initiative in Set((0..<random.int(1..<3)).map { _ in random.pick(initiatives) }) {
                    follows.add([UUID(), initiative, userID, now])
                }
            }
        }
        for rows in [profiles, skills, domains, follows] { try await rows.insert(into: app.db) }
    }
}
