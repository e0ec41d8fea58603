import Fluent
import Foundation
import KrachtCore
import Vapor

/// The demo's initiatives (`InitiativesDemoData`): most approved weeks ago, two waiting for the
/// coordinator; their organisers among the demo accounts; actions of every kind in the coming
/// weeks (a few created in the last days, for the weekly digest); joins in every state; hours
/// confirmed and pending; follows and appreciations. Every past date lies in the past. Ends with
/// the counters recounted and the search index filled, so `kracht verify` is clean.
enum InitiativesDemo {
    static func seed(app: Application, people: DemoPeople) async throws {
        let now = app.clock.now()
        let residents = people.residents
        func organiser(_ n: Int) -> User { n == 0 || residents.isEmpty ? people.initiator : residents[n % residents.count] }
        var actions: [(action: InitiativeAction, initiative: Initiative)] = []
        var initiatives: [Initiative] = []
        for (n, entry) in InitiativesDemoData.entries.enumerated() {
            let created = now.addingTimeInterval(-Double(70 + n) * 86_400)
            let initiative = Initiative()
            initiative.slug = InitiativeSlug.base(of: entry.name)
            initiative.name = entry.name
            initiative.summary = entry.summary
            initiative.why = "\(entry.summary) Dat doen we samen, met buren die een uur of een avond over hebben."
            initiative.district = entry.district.isEmpty ? nil : entry.district
            initiative.area = entry.area
            initiative.contact = "\(initiative.slug)@demo.krachtvanmokum.nl"
            initiative.underFlag = entry.underFlag
            initiative.status = entry.status == "pending" ? .pending : .approved
            initiative.createdBy = organiser(entry.organiser).id
            initiative.decidedBy = initiative.status == .approved ? people.coordinator.id : nil
            initiative.decidedAt = initiative.status == .approved ? created.addingTimeInterval(2 * 86_400) : nil
            initiative.createdAt = created
            initiative.updatedAt = initiative.decidedAt ?? created
            initiative.confirmedMinutes = 0
            initiative.peopleReached = 0
            initiative.peopleConnected = 0
            try await initiative.create(on: app.db)
            let id = try initiative.requireID()
            for domain in entry.domains { try await InitiativeDomain(initiativeID: id, domain: domain).create(on: app.db) }
            let agenda = app.reference.policyAgendas[n % max(1, app.reference.policyAgendas.count)]
            try await InitiativeAgenda(initiativeID: id, agenda: agenda.slug).create(on: app.db)
            try await addOrganiser(organiser(entry.organiser), to: id, initiator: true, at: created, on: app.db)
            // A few have a co-organiser too.
            if n % 4 == 1 { try await addOrganiser(organiser(entry.organiser + 3), to: id, initiator: false, at: created, on: app.db) }
            initiatives.append(initiative)
            for (a, spec) in entry.actions.enumerated() {
                // Most actions are weeks old; every third one is from the last days (news for the digest).
                let age = (n + a) % 3 == 0 ? Double((n + a) % 5) * 86_400 + 3_600 : Double(10 + (n + a) % 30) * 86_400
                let action = try await makeAction(
                    spec, of: initiative, by: organiser(entry.organiser), created: max(created, now.addingTimeInterval(-age)), app: app)
                actions.append((action, initiative))
            }
        }
        try await InitiativesDemoActivity.seed(actions: actions, initiatives: initiatives, people: people, app: app)
        try await InitiativeCounters.recount(on: app.db)
        for initiative in initiatives { try await InitiativeSearch.reindex(initiative, reference: app.reference, on: app.db) }
        try await InitiativeTotals.actionsChanged(on: app.db)
    }

    private static func addOrganiser(_ user: User, to initiativeID: UUID, initiator: Bool, at date: Date, on db: any Database) async throws
    {
        guard let userID = user.id,
            try await InitiativeOrganiser.query(on: db).filter(\.$initiativeID == initiativeID).filter(\.$userID == userID).first() == nil
        else { return }
        let row = InitiativeOrganiser()
        row.initiativeID = initiativeID
        row.userID = userID
        row.isInitiator = initiator
        row.addedAt = date
        try await row.create(on: db)
    }

    /// `spec`: title, kind, skills, weekday (a shift) or days from now (a task), day part, online.
    private static func makeAction(
        _ spec: (String, String, [String], Int, String, Bool), of initiative: Initiative, by user: User, created: Date, app: Application
    ) async throws -> InitiativeAction {
        let now = app.clock.now()
        let (title, kind, skills, day, part, online) = spec
        let action = InitiativeAction()
        action.initiativeID = try initiative.requireID()
        action.title = title
        action.description = "\(title) bij \(initiative.name). \(initiative.summary) Je krijgt uitleg van een ervaren vrijwilliger."
        action.kind = InitiativeAction.Kind(rawValue: kind) ?? .role
        action.minutesNeeded = action.kind == .role ? 120 : 180
        let dayPart = AvailabilityGrid.DayPart(rawValue: part)
        switch action.kind {
        case .task:
            let hour = dayPart == .morning ? 10 : dayPart == .afternoon ? 14 : 19
            let day = AmsterdamTime.calendar.startOfDay(for: now.addingTimeInterval(Double(day) * 86_400))
            action.startsAt = day.addingTimeInterval(Double(hour) * 3_600)
            action.slots = AvailabilityGrid.of(action.startsAt!).bits
        case .shift:
            action.weekday = day
            action.dayPart = (dayPart ?? .evening).rawValue
            action.slots = AvailabilityGrid.bit(weekday: day, part: dayPart ?? .evening)
        case .role:
            action.slots = 0
        }
        action.online = online
        action.district = online ? nil : initiative.district
        action.area = online ? nil : initiative.area
        action.languages = title.contains("Turks") ? "tr" : title.contains("Engels") ? "en" : title.contains("Arabische") ? "ar,nl" : "nl"
        action.places = action.kind == .role ? 2 : 4
        action.acceptedCount = 0
        action.status = .open
        action.createdBy = user.id
        action.createdAt = created
        action.updatedAt = created
        try await action.create(on: app.db)
        for skill in try await SkillList.resolve(skills, at: created, on: app.db) {
            try await ActionSkill(actionID: action.requireID(), skillID: skill.requireID()).create(on: app.db)
        }
        return action
    }
}
