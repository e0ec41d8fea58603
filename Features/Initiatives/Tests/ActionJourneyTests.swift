import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// An organiser adds an action, a resident says "ik doe mee", the organiser is mailed and accepts:
/// the resident is counted as connected and sees it. (Counted once: ConnectionCountTests.)
final class ActionJourneyTests: XCTestCase {
    func testAddJoinAndAccept() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(name: "Olga Organisator", email: "olga@example.nl")
            _ = try await app.makeUser(name: "Rachid Bewoner", email: "rachid@example.nl")
            let first = try await ActionFixture.initiative(app, slug: "buurtkeuken-west", organiser: organiser)
            let olga = Browser(app)
            try await olga.logIn("olga@example.nl")

            let form = try await olga.get(InitiativesPath.newAction(.value("buurtkeuken-west")).path)
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("Nieuwe actie"))

            // MUT: the organiser adds an action through its form
            let created = try await olga.post(
                InitiativesPath.newAction(.value("buurtkeuken-west")).path,
                [
                    "title": "Koken voor de buurt", "description": "Samen koken voor dertig buren.", "kind": "role",
                    "skills": "Koken, koken , Kóken, boodschappen doen", "minutes": "180", "online": "1", "places": "2",
                ])
            XCTAssertEqual(created.status, .seeOther, created.body.string)
            let firstAction = try await InitiativeAction.query(on: app.db).first()
            let action = try XCTUnwrap(firstAction)
            let actionPath = InitiativesPath.action(.value("buurtkeuken-west"), action: .value(try action.requireID())).path
            XCTAssertEqual(created.location, actionPath)
            let skillRows = try await ActionSkill.query(on: app.db).count()
            XCTAssertEqual(skillRows, 2, "koken typed three ways is one skill")

            // MUT: the resident joins, twice
            let rachid = Browser(app)
            try await rachid.logIn("rachid@example.nl")
            let page = try await rachid.get(actionPath)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Nog 2 plekken"))
            let joined = try await rachid.post(
                InitiativesPath.join(.value("buurtkeuken-west"), action: .value(action.id!)).path, ["message": "Ik kook graag!"])
            XCTAssertEqual(joined.status, .seeOther)
            try await rachid.post(
                InitiativesPath.join(.value("buurtkeuken-west"), action: .value(action.id!)).path, ["message": "Nog eens"])
            let asks = try await Participation.query(on: app.db).count()
            XCTAssertEqual(asks, 1, "a second ask adds no row")

            // validation: the organiser is mailed, sees the ask by name only
            try await app.deliverMail()
            let mails = try MailSink.messages(app: app, to: "olga@example.nl")
            XCTAssertEqual(mails.count, 1)
            XCTAssertTrue(mails.first?.subject.contains("Koken voor de buurt") ?? false)
            XCTAssertTrue(mails.first?.text.contains("Rachid Bewoner") ?? false)
            XCTAssertTrue(mails.first?.text.contains("http://kracht.test\(actionPath)") ?? false)
            let asked = try await olga.get(actionPath)
            XCTAssertTrue(asked.body.string.contains("Rachid Bewoner"))
            XCTAssertFalse(asked.body.string.contains("rachid@example.nl"), "an ask shows no e-mail address")

            // MUT: the organiser accepts
            let ask = try await Participation.query(on: app.db).first()
            let participation = try XCTUnwrap(ask)
            let decided = try await olga.post(
                InitiativesPath.decideParticipation(
                    .value("buurtkeuken-west"), action: .value(action.id!), participation: .value(participation.id!)
                ).path,
                ["decision": "accept", "message": "Welkom! Neem een schort mee."])
            XCTAssertEqual(decided.status, .seeOther)

            // validation: counted once, mailed, the organiser sees who joined
            let connectedInTotal = try await InitiativeTotals.current(on: app.db).peopleConnected
            XCTAssertEqual(connectedInTotal, 1)
            let connectedToFirst = try await Initiative.find(first.id, on: app.db)?.peopleConnected
            XCTAssertEqual(connectedToFirst, 1)
            let accepted = try await InitiativeAction.find(action.id, on: app.db)?.acceptedCount
            XCTAssertEqual(accepted, 1)
            try await app.deliverMail()
            let welcome = try MailSink.messages(app: app, to: "rachid@example.nl")
            XCTAssertEqual(welcome.count, 1)
            XCTAssertTrue(welcome.first?.text.contains("Neem een schort mee.") ?? false)
            let organiserSeesAddress = try await olga.get(actionPath).body.string.contains("rachid@example.nl")
            XCTAssertTrue(organiserSeesAddress, "a participant's address for their organisers")
            let residentSeesState = try await rachid.get(actionPath).body.string.contains("je doet mee")
            XCTAssertTrue(residentSeesState)
            let initiativePage = try await Browser(app).get(InitiativesPath.initiative(.value("buurtkeuken-west")).path).body.string
            XCTAssertTrue(
                initiativePage.contains("Koken voor de buurt") && initiativePage.contains("Nog 1 plek"),
                "the action on its initiative's page")
            XCTAssertTrue(initiativePage.contains("0 volgers"))

            // validation: the counters agree
            let problems = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAnActionOfAnInitiativeNotYetPublicIsSeenOnlyByItsOrganisers() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(email: "olga@example.nl")
            _ = try await app.makeUser(email: "rachid@example.nl")
            let initiative = try await ActionFixture.initiative(app, slug: "nog-niet-open", organiser: organiser, status: .pending)
            let action = try await ActionFixture.action(app, of: initiative, title: "Flyeren")
            let path = InitiativesPath.action(.value(initiative.slug), action: .value(action.id!)).path
            let rachid = Browser(app)
            try await rachid.logIn("rachid@example.nl")
            let olga = Browser(app)
            try await olga.logIn("olga@example.nl")

            // MUT / validation
            let anonymousStatus = try await Browser(app).get(path).status
            XCTAssertEqual(anonymousStatus, .notFound)
            let residentStatus = try await rachid.get(path).status
            XCTAssertEqual(residentStatus, .notFound)
            let joinStatus = try await rachid.post(InitiativesPath.join(.value(initiative.slug), action: .value(action.id!)).path).status
            XCTAssertEqual(joinStatus, .notFound)
            let organiserStatus = try await olga.get(path).status
            XCTAssertEqual(organiserStatus, .ok)
            let participations = try await Participation.query(on: app.db).count()
            XCTAssertEqual(participations, 0)
        }
    }
}
