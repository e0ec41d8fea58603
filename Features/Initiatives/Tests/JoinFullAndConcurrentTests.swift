import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// A full action says so, to the organiser who accepts one too many and to the resident who asks;
/// asking twice, or many times at once, leaves one ask.
final class JoinFullAndConcurrentTests: XCTestCase {
    func testAFullActionRefusesASecondAcceptAndANewAsk() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(email: "olga@example.nl")
            let ayse = try await app.makeUser(name: "Ayse", email: "ayse@example.nl")
            let bram = try await app.makeUser(name: "Bram", email: "bram@example.nl")
            let chris = try await app.makeUser(name: "Chris", email: "chris@example.nl")
            let initiative = try await ActionFixture.initiative(app, slug: "voedselbank-oost", organiser: organiser)
            let action = try await ActionFixture.action(app, of: initiative, title: "Pakketten inpakken", places: 1)
            let askedA = try await JoinActionProbe.join(app, action, ayse)
            let askedB = try await JoinActionProbe.join(app, action, bram)
            XCTAssertEqual([askedA, askedB], ["asked", "asked"])
            try await ActionFixture.decide(app, action, ayse, by: organiser, expecting: .seeOther)

            // MUT: a second accept on the one place, and a third resident asking
            let refused = try await ActionFixture.decide(app, action, bram, by: organiser, expecting: .conflict)
            let late = Browser(app)
            try await late.logIn(chris.email)
            let path = InitiativesPath.action(.value(initiative.slug), action: .value(action.id!)).path
            let page = try await late.get(path)
            let asked = try await late.post(InitiativesPath.join(.value(initiative.slug), action: .value(action.id!)).path)

            // validation
            XCTAssertTrue(refused.contains("De actie is vol."), refused)
            XCTAssertTrue(page.body.string.contains("Vol"))
            XCTAssertFalse(page.body.string.contains("name=\"message\""), "no join form on a full action")
            XCTAssertEqual(asked.status, .conflict)
            XCTAssertTrue(asked.body.string.contains("Deze actie is vol."))
            let reloaded = try await InitiativeAction.find(action.id, on: app.db)
            XCTAssertEqual(reloaded?.acceptedCount, 1)
            let states = try await Participation.query(on: app.db).sort(\.$createdAt).all().map(\.state)
            XCTAssertEqual(states.sorted { $0.rawValue < $1.rawValue }, [.accepted, .requested])
            let problems = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testPlacesStayAtLeastTheAcceptedAndAClosedActionTakesNoAsks() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(email: "olga@example.nl")
            let ayse = try await app.makeUser(email: "ayse@example.nl")
            let bram = try await app.makeUser(email: "bram@example.nl")
            let initiative = try await ActionFixture.initiative(app, slug: "voedselbank-oost", organiser: organiser)
            let action = try await ActionFixture.action(app, of: initiative, title: "Pakketten inpakken", places: 2)
            try await ActionFixture.joinAndAccept(app, ayse, action, by: organiser)
            let olga = Browser(app)
            try await olga.logIn("olga@example.nl")
            let slug = Parameter<String>.value(initiative.slug)
            let edit = try await olga.get(InitiativesPath.editAction(slug, action: .value(action.id!)).path)
            XCTAssertTrue(edit.body.string.contains("Pakketten inpakken"))

            // MUT: fewer places than people in, then closing
            let fewer = try await olga.post(
                InitiativesPath.editAction(slug, action: .value(action.id!)).path,
                [
                    "title": "Pakketten inpakken", "description": "Dozen vullen.", "kind": "shift", "weekday": "2", "day_part": "evening",
                    "minutes": "120", "online": "1", "places": "0",
                ])
            XCTAssertEqual(fewer.status, .badRequest)
            let shift = try await olga.post(
                InitiativesPath.editAction(slug, action: .value(action.id!)).path,
                [
                    "title": "Pakketten inpakken", "description": "Dozen vullen.", "kind": "shift", "weekday": "2", "day_part": "evening",
                    "minutes": "120", "online": "1", "places": "1",
                ])
            let closed = try await olga.post(InitiativesPath.closeAction(slug, action: .value(action.id!)).path)
            let late = try await JoinActionProbe.join(app, action, bram)

            // validation
            XCTAssertEqual(shift.status, .seeOther, shift.body.string)
            XCTAssertEqual(closed.status, .seeOther)
            XCTAssertEqual(late, "409")
            let saved = try await InitiativeAction.find(action.id, on: app.db)
            XCTAssertEqual(saved?.places, 1)
            XCTAssertEqual(saved?.status, .closed)
            XCTAssertEqual(saved?.slots, AvailabilityGrid.bit(weekday: 2, part: .evening), "a shift sits in its cell")
        }
    }

    func testAskingOnMoreThanThirtyActionsInAnHourIsSlowedDown() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(email: "olga@example.nl")
            let resident = try await app.makeUser(email: "rachid@example.nl")
            let initiative = try await ActionFixture.initiative(app, slug: "veel-acties", organiser: organiser)
            var outcomes: [String] = []

            // MUT
            for index in 1...31 {
                let action = try await ActionFixture.action(app, of: initiative, title: "Actie \(index)")
                outcomes.append(try await JoinActionProbe.join(app, action, resident))
            }

            // validation
            XCTAssertEqual(outcomes.filter { $0 == "asked" }.count, 30)
            XCTAssertEqual(outcomes.last, "429")
            let asks = try await Participation.query(on: app.db).count()
            XCTAssertEqual(asks, 30)
        }
    }

    func testManyAsksAtOnceLeaveOneAsk() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(email: "olga@example.nl")
            let resident = try await app.makeUser(email: "rachid@example.nl")
            let initiative = try await ActionFixture.initiative(app, slug: "fietsenmakers", organiser: organiser)
            let action = try await ActionFixture.action(app, of: initiative, title: "Banden plakken")
            let actionID = try action.requireID()

            // MUT
            let outcomes = try await withThrowingTaskGroup(of: JoinAction.Outcome.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await JoinAction(app: app).run(actionID, message: nil, by: resident, language: .nl) }
                }
                var all: [JoinAction.Outcome] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            let again = try await JoinActionProbe.join(app, action, resident)

            // validation
            XCTAssertEqual(outcomes.filter { $0 == .asked }.count, 1)
            XCTAssertEqual(outcomes.filter { $0 == .alreadyAsked }.count, 7)
            XCTAssertEqual(again, "already_asked")
            let rows = try await Participation.query(on: app.db).count()
            XCTAssertEqual(rows, 1)
            try await app.deliverMail()
            XCTAssertEqual(try MailSink.messages(app: app, to: "olga@example.nl").count, 1, "the organiser is mailed once")
        }
    }

    func testOnlyTheInitiativesOrganisersDecide() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(email: "olga@example.nl")
            let resident = try await app.makeUser(email: "rachid@example.nl")
            let otherOrganiser = try await app.makeUser(email: "otto@example.nl")
            let initiative = try await ActionFixture.initiative(app, slug: "buurttuin", organiser: organiser)
            _ = try await ActionFixture.initiative(app, slug: "andere-tuin", organiser: otherOrganiser)
            let action = try await ActionFixture.action(app, of: initiative, title: "Wieden")
            _ = try await JoinActionProbe.join(app, action, resident)

            // MUT: the resident themself, and an organiser of another initiative
            let bySelf = try await ActionFixture.decide(app, action, resident, by: resident, expecting: .forbidden)
            let byOther = try await ActionFixture.decide(app, action, resident, by: otherOrganiser, expecting: .forbidden)
            _ = (bySelf, byOther)

            // validation
            let state = try await Participation.query(on: app.db).first()?.state
            XCTAssertEqual(state, .requested)
            let connected = try await InitiativeTotals.current(on: app.db).peopleConnected
            XCTAssertEqual(connected, 0)
        }
    }
}
