import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor

@testable import Initiatives

/// Initiatives, actions and accepted participants for the value tests, made by `ActionFixture`
/// (counters kept, approved ones in the search index) with the value tests' words.
struct ValueFixture {
    let app: Application

    @discardableResult
    func initiative(
        _ name: String, organiser: User, status: Initiative.Status = .approved, underFlag: Bool = false, minutes: Int64 = 0,
        reached: Int64 = 0
    ) async throws -> Initiative {
        let initiative = try await ActionFixture.initiative(
            app, slug: name.lowercased().replacingOccurrences(of: " ", with: "-"), organiser: organiser, status: status, name: name,
            summary: "Samen koken in de buurt.", why: "Omdat niemand alleen hoeft te eten.", underFlag: underFlag)
        if minutes > 0 || reached > 0 {
            let action = try await self.action(on: initiative, by: organiser)
            try await hours(minutes: Int(minutes), reached: Int(reached), on: action, state: .confirmed)
        }
        return try await reload(initiative)
    }

    /// A weekly shift on Tuesday evening.
    func action(on initiative: Initiative, by organiser: User, places: Int = 5) async throws -> InitiativeAction {
        try await ActionFixture.action(
            app, of: initiative, title: "Koken op dinsdag", kind: .shift, description: "Samen een maaltijd maken.", minutes: 180,
            places: places, by: organiser)
    }

    /// Where most value tests start: Olga's approved "Buurtkeuken West", its Tuesday shift, and the
    /// named residents (`name@example.nl`, lower case) accepted on it in that order.
    struct Kitchen {
        let olga: User
        let initiative: Initiative
        let action: InitiativeAction
        let residents: [User]
        let participations: [Participation]

        /// The shift's hours page.
        var hoursPath: String { InitiativesPath.hours(.value(initiative.slug), action: .value(action.id!)).path }
    }

    func kitchen(accepting names: [String] = [], places: Int = 5) async throws -> Kitchen {
        let olga = try await app.makeUser(name: "Olga Organisator", email: "olga@example.nl")
        var residents: [User] = []
        for name in names { residents.append(try await app.makeUser(name: name, email: "\(name.lowercased())@example.nl")) }
        let initiative = try await self.initiative("Buurtkeuken West", organiser: olga)
        let action = try await self.action(on: initiative, by: olga, places: places)
        var participations: [Participation] = []
        for resident in residents { participations.append(try await accept(resident, on: action)) }
        return Kitchen(olga: olga, initiative: initiative, action: action, residents: residents, participations: participations)
    }

    /// A browser signed in as `email`.
    func browser(_ email: String) async throws -> Browser {
        let browser = Browser(app)
        try await browser.logIn(email)
        return browser
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
