import Fluent
import Foundation
import KrachtCore
import Vapor

/// An initiative as open data: what it is, where, its figures and its open actions. Nothing
/// personal: no organisers, no contact, no participants.
struct InitiativeJSON: Content {
    struct ActionJSON: Content {
        var id: UUID
        var title, kind: String
        var starts_at: String?
        var weekday: Int?
        var day_part: String?
        var online: Bool
        var district, area: String?
        var places, places_left: Int
        var skills: [String]

        // Absent values are written as null: every key is always there (the OpenAPI schema requires them).
        enum Keys: String, CodingKey {
            case id, title, kind, starts_at, weekday, day_part, online, district, area, places, places_left, skills
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(kind, forKey: .kind)
            try c.encode(starts_at, forKey: .starts_at)
            try c.encode(weekday, forKey: .weekday)
            try c.encode(day_part, forKey: .day_part)
            try c.encode(online, forKey: .online)
            try c.encode(district, forKey: .district)
            try c.encode(area, forKey: .area)
            try c.encode(places, forKey: .places)
            try c.encode(places_left, forKey: .places_left)
            try c.encode(skills, forKey: .skills)
        }
    }
    var slug, name, summary: String
    var district, area: String?
    var domains, policy_agendas: [String]
    var under_flag: Bool
    var url: String
    var volunteer_minutes, value_cents, people_reached, people_connected: Int64
    var actions: [ActionJSON]

    enum Keys: String, CodingKey {
        case slug, name, summary, district, area, domains, policy_agendas, under_flag, url, volunteer_minutes, value_cents
        case people_reached, people_connected, actions
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(slug, forKey: .slug)
        try c.encode(name, forKey: .name)
        try c.encode(summary, forKey: .summary)
        try c.encode(district, forKey: .district)
        try c.encode(area, forKey: .area)
        try c.encode(domains, forKey: .domains)
        try c.encode(policy_agendas, forKey: .policy_agendas)
        try c.encode(under_flag, forKey: .under_flag)
        try c.encode(url, forKey: .url)
        try c.encode(volunteer_minutes, forKey: .volunteer_minutes)
        try c.encode(value_cents, forKey: .value_cents)
        try c.encode(people_reached, forKey: .people_reached)
        try c.encode(people_connected, forKey: .people_connected)
        try c.encode(actions, forKey: .actions)
    }

    struct List: Content {
        var page, per_page, total: Int
        var initiatives: [InitiativeJSON]
    }

    /// The given public initiatives, in order, with their domains, agendas and open actions.
    static func make(_ initiatives: [Initiative], app: Application, on db: any Database) async throws -> [InitiativeJSON] {
        let ids = initiatives.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let domains = try await InitiativeDomain.query(on: db).filter(\.$initiativeID ~~ ids).all()
        let agendas = try await InitiativeAgenda.query(on: db).filter(\.$initiativeID ~~ ids).all()
        let actions = try await InitiativeAction.query(on: db).filter(\.$initiativeID ~~ ids).filter(\.$status == .open)
            .sort(\.$createdAt).sort(\.$title).all()
        let actionIDs = actions.compactMap(\.id)
        let actionSkills = actionIDs.isEmpty ? [] : try await ActionSkill.query(on: db).filter(\.$actionID ~~ actionIDs).all()
        let skillIDs = Array(Set(actionSkills.map(\.skillID)))
        let skills = skillIDs.isEmpty ? [] : try await Skill.query(on: db).filter(\.$id ~~ skillIDs).all()
        let skillName = Dictionary(skills.map { ($0.id!, $0.name) }, uniquingKeysWith: { first, _ in first })
        let hourCents = app.reference.volunteerHourCents
        let iso = ISO8601DateFormatter()
        return initiatives.map { initiative in
            let id = initiative.id!
            return InitiativeJSON(
                slug: initiative.slug, name: initiative.name, summary: initiative.summary, district: initiative.district,
                area: initiative.area, domains: domains.filter { $0.initiativeID == id }.map(\.domain).sorted(),
                policy_agendas: agendas.filter { $0.initiativeID == id }.map(\.agenda).sorted(), under_flag: initiative.underFlag,
                url: InitiativesPath.initiative(.value(initiative.slug)).url(on: app),
                volunteer_minutes: initiative.confirmedMinutes,
                // Minutes times the hour's value, rounded half up to whole cents.
                value_cents: (initiative.confirmedMinutes * hourCents + 30) / 60,
                people_reached: initiative.peopleReached, people_connected: initiative.peopleConnected,
                actions: actions.filter { $0.initiativeID == id }.map { action in
                    ActionJSON(
                        id: action.id!, title: action.title, kind: action.kind.rawValue, starts_at: action.startsAt.map(iso.string(from:)),
                        weekday: action.weekday, day_part: action.dayPart, online: action.online, district: action.district,
                        area: action.area, places: action.places, places_left: max(action.places - action.acceptedCount, 0),
                        skills: actionSkills.filter { $0.actionID == action.id }.compactMap { skillName[$0.skillID] }.sorted())
                })
        }
    }
}
