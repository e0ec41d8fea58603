import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// The one way the initiatives tests make initiatives and actions straight in the database, as
/// the commands would leave them: the initiator an organiser, counters kept, approved ones in the
/// search index, the catalogue told. Joins and decisions go through the site.
enum ActionFixture {
    @discardableResult
    static func initiative(
        _ app: Application, slug: String, organiser: User, status: Initiative.Status = .approved, name: String? = nil,
        summary: String = "Een initiatief om te testen.", why: String = "Omdat het kan.", underFlag: Bool = false
    ) async throws -> Initiative {
        let now = app.clock.now()
        let initiative = Initiative()
        initiative.slug = slug
        initiative.name = name ?? "Initiatief \(slug)"
        initiative.summary = summary
        initiative.why = why
        initiative.underFlag = underFlag
        initiative.status = status
        initiative.createdBy = try organiser.requireID()
        initiative.createdAt = now
        initiative.updatedAt = now
        initiative.confirmedMinutes = 0
        initiative.peopleReached = 0
        initiative.peopleConnected = 0
        try await initiative.create(on: app.db)
        if initiative.isPublic {
            try await InitiativeTotals.adjust(.publicInitiatives, by: 1, on: app.db)
            if underFlag { try await InitiativeTotals.adjust(.underFlag, by: 1, on: app.db) }
        }
        try await InitiativeSearch.reindex(initiative, reference: app.reference, on: app.db)
        let row = InitiativeOrganiser()
        row.initiativeID = try initiative.requireID()
        row.userID = try organiser.requireID()
        row.isInitiator = true
        row.addedAt = now
        try await row.create(on: app.db)
        return initiative
    }

    /// An open action: a role done online, or a shift on Tuesday evening.
    static func action(
        _ app: Application, of initiative: Initiative, title: String, kind: InitiativeAction.Kind = .role,
        description: String = "Een actie om te testen.", minutes: Int = 60, places: Int = 2, by organiser: User? = nil
    ) async throws -> InitiativeAction {
        let now = app.clock.now()
        let action = InitiativeAction()
        action.initiativeID = try initiative.requireID()
        action.title = title
        action.description = description
        action.kind = kind
        action.minutesNeeded = minutes
        if kind == .shift {
            action.weekday = 2
            action.dayPart = AvailabilityGrid.DayPart.evening.rawValue
            action.slots = AvailabilityGrid.bit(weekday: 2, part: .evening)
        } else {
            action.slots = 0
        }
        action.online = kind != .shift
        action.languages = ""
        action.places = places
        action.acceptedCount = 0
        action.status = .open
        action.createdBy = try organiser?.requireID()
        action.createdAt = now
        action.updatedAt = now
        try await action.create(on: app.db)
        try await InitiativeTotals.actionsChanged(on: app.db)
        return action
    }

    /// The resident asks through the site and the organiser accepts.
    static func joinAndAccept(_ app: Application, _ resident: User, _ action: InitiativeAction, by organiser: User) async throws {
        let asked = try await JoinActionProbe.join(app, action, resident)
        XCTAssertEqual(asked, "asked")
        try await decide(app, action, resident, by: organiser, expecting: .seeOther)
    }

    /// An organiser's decision through the site; the page's text when refused.
    @discardableResult
    static func decide(
        _ app: Application, _ action: InitiativeAction, _ resident: User, by organiser: User, decision: String = "accept",
        expecting status: HTTPStatus, file: StaticString = #filePath, line: UInt = #line
    ) async throws -> String {
        let participation = try await Participation.query(on: app.db).filter(\.$actionID == action.id!)
            .filter(\.$userID == resident.id!).first()
        let initiative = try await Initiative.find(action.initiativeID, on: app.db)!
        let browser = Browser(app)
        try await browser.logIn(organiser.email)
        let response = try await browser.post(
            InitiativesPath.decideParticipation(
                .value(initiative.slug), action: .value(action.id!), participation: .value(participation!.id!)
            ).path,
            ["decision": decision])
        XCTAssertEqual(response.status, status, file: file, line: line)
        return response.body.string
    }
}

/// Joining through the site, as the resident: the flash key tells the outcome.
enum JoinActionProbe {
    static func join(_ app: Application, _ action: InitiativeAction, _ resident: User, message: String = "") async throws -> String {
        let browser = Browser(app)
        try await browser.logIn(resident.email)
        let initiative = try await Initiative.find(action.initiativeID, on: app.db)!
        let response = try await browser.post(
            InitiativesPath.join(.value(initiative.slug), action: .value(action.id!)).path, ["message": message])
        if response.status == .seeOther {
            return browser.cookies["kracht_flash"].map { $0.replacingOccurrences(of: "initiatives.join.", with: "") } ?? "?"
        }
        return "\(response.status.code)"
    }
}
