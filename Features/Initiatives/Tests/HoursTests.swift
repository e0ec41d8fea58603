import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// Volunteer hours: an organiser's count at once, a participant's wait for an organiser, and
/// what they are worth.
final class HoursTests: XCTestCase {
    func testAnOrganisersHoursCountAtOnceAndGiveTheInitiativeItsValue() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let fixture = ValueFixture(app: app)
            let kitchen = try await fixture.kitchen(accepting: ["Fatima"])
            let (initiative, fatima) = (kitchen.initiative, kitchen.residents[0])
            let browser = try await fixture.browser("olga@example.nl")
            let path = kitchen.hoursPath

            // MUT
            let form = try await browser.get(path)
            let logged = try await browser.post(
                path,
                [
                    "person": try fatima.requireID().uuidString, "hours": "1,5", "worked_on": AmsterdamTime.day(app.clock.now()),
                    "people_reached": "12",
                ])

            // validation
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains(">Fatima</option>"), "an accepted participant can be chosen")
            XCTAssertEqual(logged.status, .seeOther)
            let hours = try await VolunteerHours.query(on: app.db).all()
            XCTAssertEqual(hours.map(\.state), [.confirmed])
            XCTAssertEqual(hours.first?.userID, try fatima.requireID())
            let counted = try await fixture.reload(initiative)
            XCTAssertEqual(counted.confirmedMinutes, 90)
            XCTAssertEqual(counted.peopleReached, 12)
            let awaited1 = try await InitiativeTotals.current(on: app.db).confirmedMinutes
            XCTAssertEqual(awaited1, 90)
            // 90 minutes at the CBS hour of 2314 cents: 90 × 2314 / 60 = 3471 cents.
            XCTAssertEqual(app.reference.volunteerHourCents, 2314)
            XCTAssertEqual(VolunteerValue.cents(minutes: 90, hourCents: 2314), 3471)
            let page = try await browser.get(path)
            XCTAssertTrue(page.body.string.contains("€ 34,71"), "the value shows on the hours page")
            XCTAssertTrue(page.body.string.contains("1,5"))
            let ranking = try await Browser(app).get(InitiativesPath.ranking().path)
            XCTAssertTrue(ranking.body.string.contains("Buurtkeuken West"))
            XCTAssertTrue(ranking.body.string.contains("€ 34,71"), "the ranking shows the initiative's value and the total")
            let awaited2 = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(awaited2, [])
        }
    }

    func testAParticipantsOwnHoursWaitForAnOrganiserWhoConfirmsThemOnce() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let fixture = ValueFixture(app: app)
            let kitchen = try await fixture.kitchen(accepting: ["Fatima"])
            let (organiser, initiative, action, fatima) = (kitchen.olga, kitchen.initiative, kitchen.action, kitchen.residents[0])
            let path = kitchen.hoursPath
            let participant = try await fixture.browser("fatima@example.nl")

            // MUT: Fatima logs her own two hours
            let logged = try await participant.post(
                path, ["hours": "2", "worked_on": AmsterdamTime.day(app.clock.now()), "person": try organiser.requireID().uuidString])

            // validation: pending, not counted, the organiser is mailed
            XCTAssertEqual(logged.status, .seeOther)
            let own = try await participant.get(path).body.string
            XCTAssertTrue(own.contains("Wacht op bevestiging"), "she sees her entry waiting")
            XCTAssertFalse(own.contains("name=\"person\""), "a participant logs only for herself")
            XCTAssertFalse(own.contains("error-summary"), "no error summary on a page without errors")
            let pending = try await VolunteerHours.query(on: app.db).first()!
            XCTAssertEqual(pending.state, .pending)
            XCTAssertEqual(pending.userID, try fatima.requireID(), "a participant logs only their own hours, whatever the form says")
            let awaited3 = try await fixture.reload(initiative).confirmedMinutes
            XCTAssertEqual(awaited3, 0)
            try await app.deliverMail()
            let mail = try MailSink.messages(app: app, to: "olga@example.nl")
            XCTAssertEqual(mail.count, 1)
            XCTAssertTrue(mail.first?.text.contains(path) ?? false, "the mail links to the hours page")
            XCTAssertFalse(mail.first?.text.contains("fatima@example.nl") ?? true, "the volunteer's address stays out of the mail")

            // MUT: the organiser confirms, twice
            let organiserBrowser = try await fixture.browser("olga@example.nl")
            let decide = InitiativesPath.decideHours(
                .value(initiative.slug), action: .value(try action.requireID()), hours: .value(try pending.requireID())
            ).path
            let awaited4 = try await organiserBrowser.get(path).body.string.contains(decide)
            XCTAssertTrue(awaited4, "the pending entry has its buttons")
            let first = try await organiserBrowser.post(decide, ["decision": "confirm"])
            let second = try await organiserBrowser.post(decide, ["decision": "confirm"])
            let reject = try await organiserBrowser.post(decide, ["decision": "reject"])

            // validation: counted once
            XCTAssertEqual([first.status, second.status, reject.status], [.seeOther, .seeOther, .seeOther])
            let awaited5 = try await VolunteerHours.find(pending.requireID(), on: app.db)?.state
            XCTAssertEqual(awaited5, .confirmed)
            let awaited6 = try await fixture.reload(initiative).confirmedMinutes
            XCTAssertEqual(awaited6, 120)
            let awaited7 = try await InitiativeTotals.current(on: app.db).confirmedMinutes
            XCTAssertEqual(awaited7, 120)
            let awaited8 = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(awaited8, [])
        }
    }

    func testARejectedEntryNeverCountsAndOnlyAnOrganiserDecides() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let fixture = ValueFixture(app: app)
            let kitchen = try await fixture.kitchen(accepting: ["Fatima"])
            let (initiative, action, fatima) = (kitchen.initiative, kitchen.action, kitchen.residents[0])
            _ = try await app.makeUser(name: "Bram", email: "bram@example.nl")
            let pending = try await fixture.hours(minutes: 60, on: action, user: fatima, state: .pending)
            let decide = InitiativesPath.decideHours(
                .value(initiative.slug), action: .value(try action.requireID()), hours: .value(try pending.requireID())
            ).path
            let participant = try await fixture.browser("fatima@example.nl")
            let outsider = try await fixture.browser("bram@example.nl")
            let organiserBrowser = try await fixture.browser("olga@example.nl")

            // MUT
            let bySelf = try await participant.post(decide, ["decision": "confirm"])
            let byOutsider = try await outsider.post(decide, ["decision": "confirm"])
            let outsiderForm = try await outsider.get(
                kitchen.hoursPath)
            let nonsense = try await organiserBrowser.post(decide, ["decision": "maybe"])
            let rejected = try await organiserBrowser.post(decide, ["decision": "reject"])
            let confirmAfter = try await organiserBrowser.post(decide, ["decision": "confirm"])

            // validation
            XCTAssertEqual(bySelf.status, .forbidden, "a participant cannot confirm their own hours")
            XCTAssertEqual(byOutsider.status, .forbidden)
            XCTAssertEqual(outsiderForm.status, .forbidden)
            XCTAssertEqual([nonsense.status, rejected.status, confirmAfter.status], [.seeOther, .seeOther, .seeOther])
            let awaited9 = try await VolunteerHours.find(pending.requireID(), on: app.db)?.state
            XCTAssertEqual(awaited9, .rejected)
            let awaited10 = try await fixture.reload(initiative).confirmedMinutes
            XCTAssertEqual(awaited10, 0)
            let awaited11 = try await InitiativeTotals.current(on: app.db).confirmedMinutes
            XCTAssertEqual(awaited11, 0)
            let awaited12 = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(awaited12, [])
        }
    }
}
