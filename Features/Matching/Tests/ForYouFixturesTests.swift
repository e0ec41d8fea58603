import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import Matching
import Vapor
import XCTVapor
import XCTest

/// Initiatives and actions made straight in the database, for the matching tests: they test
/// matching, not the forms that create actions.
enum MatchingFixtures {
    @discardableResult
    static func initiative(
        _ app: Application, slug: String, name: String? = nil, status: Initiative.Status = .approved, domains: [String] = [],
        organiser: User? = nil, district: String? = nil, area: String? = nil, underFlag: Bool = false
    ) async throws -> Initiative {
        let initiative = Initiative()
        initiative.id = UUID()
        initiative.slug = slug
        initiative.name = name ?? slug.capitalized
        initiative.summary = "Samen doen in de buurt."
        initiative.why = "Omdat het kan."
        initiative.district = district
        initiative.area = area
        initiative.underFlag = underFlag
        initiative.status = status
        initiative.createdBy = try organiser?.requireID()
        initiative.createdAt = app.clock.now()
        initiative.updatedAt = app.clock.now()
        initiative.confirmedMinutes = 0
        initiative.peopleReached = 0
        initiative.peopleConnected = 0
        try await initiative.create(on: app.db)
        for domain in domains { try await InitiativeDomain(initiativeID: initiative.id!, domain: domain).create(on: app.db) }
        if let organiser {
            let row = InitiativeOrganiser()
            row.initiativeID = initiative.id!
            row.userID = try organiser.requireID()
            row.isInitiator = true
            row.addedAt = app.clock.now()
            try await row.create(on: app.db)
        }
        return initiative
    }

    @discardableResult
    static func action(
        _ app: Application, of initiative: Initiative, title: String, kind: InitiativeAction.Kind = .role, skills: [String] = [],
        district: String? = nil, area: String? = nil, online: Bool = false, slots: AvailabilityGrid = AvailabilityGrid(),
        languages: [String] = [], startsAt: Date? = nil, places: Int = 5, accepted: Int = 0,
        status: InitiativeAction.Status = .open, createdAt: Date? = nil
    ) async throws -> InitiativeAction {
        let action = InitiativeAction()
        action.id = UUID()
        action.initiativeID = initiative.id!
        action.title = title
        action.description = "Doe mee."
        action.kind = kind
        action.minutesNeeded = 120
        action.startsAt = startsAt
        if kind == .shift, let cell = slots.cells.first {
            action.weekday = cell.weekday
            action.dayPart = cell.part.rawValue
        }
        action.slots = slots.bits
        action.online = online
        action.district = district
        action.area = area
        action.languages = languages.sorted().joined(separator: ",")
        action.places = places
        action.acceptedCount = accepted
        action.status = status
        action.createdAt = createdAt ?? app.clock.now()
        action.updatedAt = app.clock.now()
        try await action.create(on: app.db)
        for skill in try await SkillList.resolve(skills, at: app.clock.now(), on: app.db) {
            try await ActionSkill(actionID: action.id!, skillID: skill.requireID()).create(on: app.db)
        }
        try await InitiativeTotals.actionsChanged(on: app.db)
        return action
    }

    /// Posts the profile form with repeated fields (domains, cells, languages), as a browser does.
    @discardableResult
    static func saveProfile(_ browser: Browser, _ fields: [(String, String)]) async throws -> XCTHTTPResponse {
        if browser.csrfToken == nil { try await browser.get("/") }
        let all = fields + [("_csrf", browser.csrfToken ?? "")]
        let body = all.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")
        return try await browser.post(MatchingPath.profile.path, rawBody: ByteBuffer(string: body))
    }
}

final class ForYouFixturesTests: XCTestCase {
    func testAFixtureActionIsInTheCatalogueAndAFullOneIsNot() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let initiative = try await MatchingFixtures.initiative(app, slug: "buurtkeuken")
            try await MatchingFixtures.action(app, of: initiative, title: "Koken")
            try await MatchingFixtures.action(app, of: initiative, title: "Vol", places: 2, accepted: 2)
            // MUT
            let catalogue = try await app.openActionCatalogue.current(on: app.db, app: app)
            // validation
            XCTAssertEqual(catalogue.actions.map(\.title), ["Koken"])
        }
    }
}
