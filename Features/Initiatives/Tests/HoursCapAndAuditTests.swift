import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// Organisers' hours count at once, so they are capped and audited: no more time on one day
/// than the action asks of all its places (at least a full day's entry), and each entry is
/// recorded for coordinators.
final class HoursCapAndAuditTests: XCTestCase {
    func testOneDayOfAnActionTakesNoMoreThanItsCapAndOrganisersEntriesAreAudited() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup: two places of three hours, so the day's cap is one full entry, 24 hours
            let fixture = ValueFixture(app: app)
            let kitchen = try await fixture.kitchen(places: 2)
            let (olga, initiative, action) = (kitchen.olga, kitchen.initiative, kitchen.action)
            XCTAssertEqual(LogHours.dailyCap(of: action), 1440)
            let browser = try await fixture.browser("olga@example.nl")
            let path = kitchen.hoursPath
            let today = AmsterdamTime.day(app.clock.now())

            // MUT
            let first = try await browser.post(path, ["person": "", "hours": "20", "worked_on": today, "people_reached": "1000"])
            let over = try await browser.post(path, ["person": "", "hours": "5", "worked_on": today])
            let rest = try await browser.post(path, ["person": "self", "hours": "4", "worked_on": today])
            let full = try await browser.post(path, ["person": "", "minutes": "1", "worked_on": today])
            let yesterday = try await browser.post(
                path, ["person": "", "hours": "2", "worked_on": AmsterdamTime.addingDays(-1, to: today)])

            // validation
            XCTAssertEqual([first.status, rest.status, yesterday.status], [.seeOther, .seeOther, .seeOther])
            XCTAssertEqual(over.status, .badRequest)
            XCTAssertTrue(over.body.string.contains("<li><a href=\"#hours-hours\">"), "points at the time")
            XCTAssertTrue(over.body.string.contains("Op deze dag kunnen er nog 240 minuten bij."), over.body.string)
            XCTAssertEqual(full.status, .badRequest)
            XCTAssertTrue(full.body.string.contains("Er kan niets meer bij."))
            let counted = try await fixture.reload(initiative)
            XCTAssertEqual(counted.confirmedMinutes, 1440 + 120)
            XCTAssertEqual(counted.peopleReached, 1000)
            let audits = try await AuditEvent.query(on: app.db).filter(\.$action == "initiatives.hours.logged").all()
            XCTAssertEqual(audits.count, 3, "one per organiser's entry")
            XCTAssertEqual(Set(audits.map(\.actorID)), [olga.id])
            XCTAssertTrue(audits.contains { $0.details.contains("minutes:1200 reached:1000 for:no-account") }, "\(audits.map(\.details))")
            let problems = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
