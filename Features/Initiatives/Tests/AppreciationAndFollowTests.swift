import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// Only someone who took part writes an appreciation; three reports hide it until a coordinator
/// keeps it (for good) or removes it. Following is idempotent.
final class AppreciationAndFollowTests: XCTestCase {
    func testAppreciationOnlyAfterTakingPartThenReportsHideItUntilACoordinatorDecides() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(email: "olga@example.nl")
            let resident = try await app.makeUser(name: "Rachid Bewoner", email: "rachid@example.nl")
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let initiative = try await ActionFixture.initiative(app, slug: "buurtkeuken", organiser: organiser)
            let action = try await ActionFixture.action(app, of: initiative, title: "Koken")
            let path = InitiativesPath.appreciate(.value("buurtkeuken")).path
            let rachid = Browser(app)
            try await rachid.logIn("rachid@example.nl")

            // MUT: before taking part
            let tooEarly = try await rachid.post(path, ["rating": "5", "text": "Top!"])
            XCTAssertEqual(tooEarly.status, .forbidden)
            XCTAssertTrue(tooEarly.body.string.contains("nadat je hebt meegedaan"))

            // MUT: after being accepted; bad input first
            try await ActionFixture.joinAndAccept(app, resident, action, by: organiser)
            let bad = try await rachid.post(path, ["rating": "9", "text": ""])
            XCTAssertEqual(bad.status, .badRequest)
            XCTAssertTrue(bad.body.string.contains("Kies een cijfer van 1 tot en met 5."))
            let written = try await rachid.post(path, ["rating": "4", "text": "Gezellig en goed georganiseerd."])
            XCTAssertEqual(written.status, .seeOther)
            try await app.deliverMail()
            let praise = try MailSink.messages(app: app, to: "olga@example.nl").filter { $0.subject.contains("waardering") }
            XCTAssertEqual(praise.count, 1, "the organiser hears of it")
            XCTAssertTrue(praise.first?.text.contains("4 van 5") ?? false)
            let twice = try await rachid.post(path, ["rating": "1", "text": "Nog een"])
            XCTAssertEqual(twice.status, .seeOther)
            let rows = try await Appreciation.query(on: app.db).all()
            XCTAssertEqual(rows.map(\.rating), [4], "one appreciation per person")
            let appreciation = try XCTUnwrap(rows.first)
            let section = try await ActionFixture.section(app, initiative, viewer: nil)
            XCTAssertTrue(section.contains("4 van 5") && section.contains("Gezellig"), section)

            // MUT: three people report it (one of them twice)
            let report = InitiativesPath.reportAppreciation(.value(appreciation.id!)).path
            for index in 1...3 {
                _ = try await app.makeUser(email: "melder\(index)@example.nl")
                let reporter = Browser(app)
                try await reporter.logIn("melder\(index)@example.nl")
                try await reporter.post(report)
                if index == 1 { try await reporter.post(report) }
            }
            let hidden = try await Appreciation.find(appreciation.id, on: app.db)
            XCTAssertEqual(hidden?.state, .hidden)
            XCTAssertEqual(hidden?.reportCount, 3)
            let sectionHidden = try await ActionFixture.section(app, initiative, viewer: nil)
            XCTAssertFalse(sectionHidden.contains("Gezellig"))

            // MUT: a coordinator keeps it; a fourth report no longer hides it
            let coordinator = Browser(app)
            try await coordinator.logIn("coordinator@example.nl")
            let list = try await coordinator.get(InitiativesPath.adminAppreciations.path)
            XCTAssertTrue(list.body.string.contains("Gezellig"))
            let kept = try await coordinator.post(
                InitiativesPath.adminDecideAppreciation(.value(appreciation.id!)).path, ["decision": "keep"])
            XCTAssertEqual(kept.status, .seeOther)
            _ = try await app.makeUser(email: "melder4@example.nl")
            let fourth = Browser(app)
            try await fourth.logIn("melder4@example.nl")
            try await fourth.post(report)

            // validation
            let after = try await Appreciation.find(appreciation.id, on: app.db)
            XCTAssertEqual(after?.state, .visible)
            XCTAssertEqual(after?.kept, true)
            let audits = try await AuditEvent.query(on: app.db).filter(\.$action == "initiatives.appreciation.kept").count()
            XCTAssertEqual(audits, 1)

            // MUT: removing
            let removed = try await coordinator.post(
                InitiativesPath.adminDecideAppreciation(.value(appreciation.id!)).path, ["decision": "remove"])
            XCTAssertEqual(removed.status, .seeOther)
            let gone = try await Appreciation.find(appreciation.id, on: app.db)
            XCTAssertEqual(gone?.state, .removed)
        }
    }

    func testFollowingTwiceIsOneFollowAndUnfollowingEndsIt() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let organiser = try await app.makeUser(email: "olga@example.nl")
            _ = try await app.makeUser(email: "rachid@example.nl")
            let initiative = try await ActionFixture.initiative(app, slug: "buurtkeuken", organiser: organiser)
            _ = try await ActionFixture.initiative(app, slug: "verborgen", organiser: organiser, status: .pending)
            let rachid = Browser(app)
            try await rachid.logIn("rachid@example.nl")

            // MUT
            let first = try await rachid.post(InitiativesPath.follow(.value("buurtkeuken")).path)
            try await rachid.post(InitiativesPath.follow(.value("buurtkeuken")).path)
            let hidden = try await rachid.post(InitiativesPath.follow(.value("verborgen")).path)

            // validation
            XCTAssertEqual(first.status, .seeOther)
            XCTAssertEqual(hidden.status, .notFound)
            let follows = try await InitiativeFollow.query(on: app.db).count()
            XCTAssertEqual(follows, 1)
            let rachidUser = try await User.find(email: "rachid@example.nl", on: app.db)
            let section = try await ActionFixture.section(app, initiative, viewer: rachidUser)
            XCTAssertTrue(section.contains("1 volger"), section)

            // MUT
            try await rachid.post(InitiativesPath.unfollow(.value("buurtkeuken")).path)
            try await rachid.post(InitiativesPath.unfollow(.value("buurtkeuken")).path)
            let left = try await InitiativeFollow.query(on: app.db).count()
            XCTAssertEqual(left, 0)
        }
    }
}

extension ActionFixture {
    /// The appreciation section as the initiative's page gets it, encoded: what it would show.
    static func section(_ app: Application, _ initiative: Initiative, viewer: User?) async throws -> String {
        let request = Request(application: app, on: app.eventLoopGroup.next())
        let section = try await AppreciationSection.load(for: initiative, viewer: viewer, req: request)
        return String(decoding: try JSONEncoder().encode(section), as: UTF8.self)
    }
}
