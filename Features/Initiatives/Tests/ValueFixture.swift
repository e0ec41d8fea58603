import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor

@testable import Initiatives

/// Initiatives, actions and accepted participants for the value tests, made as the commands
/// would leave them: counters kept, approved ones in the search index, members connected.
struct ValueFixture {
    let app: Application

    @discardableResult
    func initiative(
        _ name: String, organiser: User, status: Initiative.Status = .approved, underFlag: Bool = false, minutes: Int64 = 0,
        reached: Int64 = 0
    ) async throws -> Initiative {
        let now = app.clock.now()
        let initiative = Initiative()
        initiative.slug = name.lowercased().replacingOccurrences(of: " ", with: "-")
        initiative.name = name
        initiative.summary = "Samen koken in de buurt."
        initiative.why = "Omdat niemand alleen hoeft te eten."
        initiative.underFlag = underFlag
        initiative.status = status
        initiative.createdBy = try organiser.requireID()
        initiative.createdAt = now
        initiative.updatedAt = now
        initiative.confirmedMinutes = 0
        initiative.peopleReached = 0
        initiative.peopleConnected = 0
        try await initiative.create(on: app.db)
        let row = InitiativeOrganiser()
        row.initiativeID = try initiative.requireID()
        row.userID = try organiser.requireID()
        row.isInitiator = true
        row.addedAt = now
        try await row.create(on: app.db)
        if initiative.isPublic {
            try await InitiativeTotals.adjust(.publicInitiatives, by: 1, on: app.db)
            if underFlag { try await InitiativeTotals.adjust(.underFlag, by: 1, on: app.db) }
        }
        if status == .approved {
            try await InitiativeSearch.index.upsert(id: try initiative.requireID(), title: name, body: initiative.summary, on: app.db)
        }
        if minutes > 0 || reached > 0 {
            let action = try await self.action(on: initiative, by: organiser)
            try await hours(minutes: Int(minutes), reached: Int(reached), on: action, state: .confirmed)
        }
        return try await Initiative.find(initiative.requireID(), on: app.db)!
    }

    func action(on initiative: Initiative, by organiser: User, places: Int = 5) async throws -> InitiativeAction {
        let now = app.clock.now()
        let action = InitiativeAction()
        action.initiativeID = try initiative.requireID()
        action.title = "Koken op dinsdag"
        action.description = "Samen een maaltijd maken."
        action.kind = .shift
        action.minutesNeeded = 180
        action.weekday = 2
        action.dayPart = "evening"
        action.slots = AvailabilityGrid.bit(weekday: 2, part: .evening)
        action.online = false
        action.languages = ""
        action.places = places
        action.acceptedCount = 0
        action.status = .open
        action.createdBy = try organiser.requireID()
        action.createdAt = now
        action.updatedAt = now
        try await action.create(on: app.db)
        return action
    }

    /// An accepted participant, connected as the accept command does.
    @discardableResult
    func accept(_ user: User, on action: InitiativeAction) async throws -> Participation {
        let now = app.clock.now()
        let participation = Participation()
        participation.actionID = try action.requireID()
        participation.initiativeID = action.initiativeID
        participation.userID = try user.requireID()
        participation.state = .accepted
        participation.message = "Ik kook graag."
        participation.createdAt = now
        participation.decidedAt = now
        try await participation.create(on: app.db)
        try await app.db.sql.raw("UPDATE initiative_actions SET accepted_count = accepted_count + 1 WHERE id = \(bind: action.requireID())")
            .run()
        let initiative = try await Initiative.find(action.initiativeID, on: app.db)!
        try await Connections.connect(try user.requireID(), to: initiative, via: .action, at: now, on: app.db)
        return participation
    }

    /// Hours as the log command leaves them (confirmed ones counted).
    @discardableResult
    func hours(
        minutes: Int, reached: Int = 0, on action: InitiativeAction, user: User? = nil, state: VolunteerHours.State,
        at date: Date? = nil
    ) async throws -> VolunteerHours {
        let hours = VolunteerHours()
        hours.initiativeID = action.initiativeID
        hours.actionID = try action.requireID()
        hours.userID = try user?.requireID()
        hours.minutes = minutes
        hours.peopleReached = reached
        hours.workedOn = AmsterdamTime.day(date ?? app.clock.now())
        hours.state = state
        hours.loggedBy = try user?.requireID()
        hours.createdAt = date ?? app.clock.now()
        hours.decidedAt = state == .pending ? nil : (date ?? app.clock.now())
        try await hours.create(on: app.db)
        if state == .confirmed { try await HoursCounters.add(hours, on: app.db) }
        return hours
    }

    func reload(_ initiative: Initiative) async throws -> Initiative {
        try await Initiative.find(initiative.requireID(), on: app.db)!
    }
}
