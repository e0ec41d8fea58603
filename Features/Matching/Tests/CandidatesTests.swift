import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import Matching
import XCTest

/// An organiser sees the findable residents who fit their action — names and reasons only —
/// and invites one through the platform.
final class CandidatesTests: XCTestCase {
    func testOnlyFindableResidentsAppearWithoutAddressesAndCanBeInvitedOnce() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(name: "Orla Organiser", email: "orla@example.nl")
            let kitchen = try await MatchingFixtures.initiative(app, slug: "buurtkeuken", domains: ["armoede"], organiser: organiser)
            let action = try await MatchingFixtures.action(
                app, of: kitchen, title: "Koken", skills: ["koken"], district: "zuid", area: "de-pijp-rivierenbuurt")
            let people: [(name: String, email: String, fields: [(String, String)])] = [
                ("Anouk Verhoef", "anouk@example.nl", [("skills", "koken"), ("area", "de-pijp-rivierenbuurt"), ("findable", "on")]),
                ("Bram Bakker", "bram@example.nl", [("skills", "koken"), ("area", "de-pijp-rivierenbuurt")]),
                ("Chris Claes", "chris@example.nl", [("skills", "koken"), ("area", "oud-zuid"), ("findable", "on")]),
                ("Dewi Dekker", "dewi@example.nl", [("area", "oud-noord"), ("findable", "on")]),
            ]
            var ids: [String: UUID] = [:]
            for person in people {
                let user = try await app.makeUser(name: person.name, email: person.email)
                ids[person.email] = try user.requireID()
                let browser = Browser(app)
                try await browser.logIn(person.email)
                try await MatchingFixtures.saveProfile(browser, person.fields)
            }
            let taking = Participation()
            taking.actionID = try action.requireID()
            taking.initiativeID = try kitchen.requireID()
            taking.userID = ids["chris@example.nl"]
            taking.state = .requested
            taking.createdAt = app.clock.now()
            try await taking.create(on: app.db)
            let path = InitiativesPath.candidates(.value("buurtkeuken"), action: .value(try action.requireID())).path
            let invitePath = InitiativesPath.inviteCandidate(.value("buurtkeuken"), action: .value(try action.requireID())).path

            // MUT: a resident who does not organise it
            let stranger = Browser(app)
            try await stranger.logIn("dewi@example.nl")
            // validation
            let checked1 = try await stranger.get(path).status
            XCTAssertEqual(checked1, .forbidden)
            let checked2 = try await stranger.post(invitePath, ["user": ids["anouk@example.nl"]!.uuidString]).status
            XCTAssertEqual(checked2, .forbidden)

            // MUT
            let browser = Browser(app)
            try await browser.logIn("orla@example.nl")
            let page = try await browser.get(path)
            // validation
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            XCTAssertTrue(html.contains("Anouk V."))
            XCTAssertTrue(html.contains("kan goed <em>koken</em>"), "reasons about the candidate, not to them")
            XCTAssertTrue(html.contains("wil helpen in <em>De Pijp, Rivierenbuurt</em>"), html)
            XCTAssertFalse(html.contains("je vaardigheid"))
            XCTAssertFalse(html.contains("jouw gebied"))
            XCTAssertTrue(html.contains("de eerste letter van hun achternaam"), "the intro says what is shown")
            XCTAssertFalse(html.contains("Verhoef"), "only the initial of the last name")
            XCTAssertFalse(html.contains("Bram"), "not findable: never shown")
            XCTAssertFalse(html.contains("Chris"), "already taking part")
            XCTAssertFalse(html.contains("Dewi"), "nothing in common")
            XCTAssertFalse(html.contains("@example.nl"), "never an e-mail address")

            // MUT: invite Anouk, twice, and Bram who is not findable
            let first = try await browser.post(invitePath, ["user": ids["anouk@example.nl"]!.uuidString])
            let told = try await browser.get(first.location ?? "").body.string
            let second = try await browser.post(invitePath, ["user": ids["anouk@example.nl"]!.uuidString])
            let hidden = try await browser.post(invitePath, ["user": ids["bram@example.nl"]!.uuidString])
            let nonsense = try await browser.post(invitePath, ["user": "'; DROP TABLE users; --"])
            // validation
            XCTAssertEqual(first.status, .seeOther)
            XCTAssertTrue(told.contains("Je uitnodiging is verstuurd."))
            XCTAssertEqual(second.status, .seeOther)
            XCTAssertEqual(hidden.status, .seeOther)
            XCTAssertEqual(nonsense.status, .seeOther)
            let messages = try await PlatformMessage.query(on: app.db).all()
            XCTAssertEqual(messages.map(\.recipientID), [ids["anouk@example.nl"]])
            XCTAssertTrue(messages.first?.body.contains("/initiatieven/buurtkeuken/acties/") ?? false, "a link to the action")
            XCTAssertFalse(messages.first?.body.contains("@") ?? true)

            // MUT: the action closes; no more invitations
            action.status = .closed
            try await action.save(on: app.db)
            let late = try await browser.post(invitePath, ["user": ids["dewi@example.nl"]!.uuidString])
            let lateNote = try await browser.get(late.location ?? "").body.string
            // validation
            XCTAssertTrue(lateNote.contains("Deze actie is vol of gesloten."))
            let after = try await PlatformMessage.query(on: app.db).count()
            XCTAssertEqual(after, 1)
        }
    }

    func testAnInitiativeNotYetApprovedNeitherSeesNorInvitesCandidates() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup: a pending initiative's action, and a findable resident who fits it
            let organiser = try await app.makeUser(name: "Orla Organiser", email: "orla@example.nl")
            let pending = try await MatchingFixtures.initiative(app, slug: "nog-niet", status: .pending, organiser: organiser)
            let action = try await MatchingFixtures.action(app, of: pending, title: "Koken", skills: ["koken"], district: "zuid")
            let anouk = try await app.makeUser(name: "Anouk Verhoef", email: "anouk@example.nl")
            let resident = Browser(app)
            try await resident.logIn("anouk@example.nl")
            try await MatchingFixtures.saveProfile(resident, [("skills", "koken"), ("district", "zuid"), ("findable", "on")])
            let path = InitiativesPath.candidates(.value("nog-niet"), action: .value(try action.requireID())).path
            let invitePath = InitiativesPath.inviteCandidate(.value("nog-niet"), action: .value(try action.requireID())).path
            let browser = Browser(app)
            try await browser.logIn("orla@example.nl")

            // MUT
            let page = try await browser.get(path)
            let invite = try await browser.post(invitePath, ["user": try anouk.requireID().uuidString])
            let note = try await browser.get(invite.location ?? "").body.string

            // validation
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("als dit initiatief is goedgekeurd"))
            XCTAssertFalse(page.body.string.contains("Anouk"), "no candidates before approval")
            XCTAssertEqual(invite.status, .seeOther)
            XCTAssertTrue(note.contains("als dit initiatief is goedgekeurd"))
            let sent = try await PlatformMessage.query(on: app.db).count()
            XCTAssertEqual(sent, 0)

            // MUT: rejected is no better
            pending.status = .rejected
            try await pending.save(on: app.db)
            _ = try await browser.post(invitePath, ["user": try anouk.requireID().uuidString])
            // validation
            let after = try await PlatformMessage.query(on: app.db).count()
            XCTAssertEqual(after, 0)
        }
    }
}
