import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Matching

/// Neither `/voor-jou` nor the weekly digest offers a resident what they already asked to join
/// or what their own initiative runs; an ask they took back may be offered again.
final class ForYouOwnActionsTests: XCTestCase {
    func testForYouLeavesOutWhatTheResidentAskedForOrOrganises() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let fatima = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            let own = try await MatchingFixtures.initiative(app, slug: "eigen-keuken", domains: ["armoede"], organiser: fatima)
            let other = try await MatchingFixtures.initiative(app, slug: "buurtkeuken-de-pijp", domains: ["armoede"])
            try await MatchingFixtures.action(app, of: own, title: "Eigen kookactie", skills: ["koken"])
            for (title, state) in [
                ("Al gevraagd", Participation.State.requested), ("Al aangenomen", .accepted), ("Al afgewezen", .declined),
                ("Teruggenomen", .withdrawn),
            ] {
                let action = try await MatchingFixtures.action(app, of: other, title: title, skills: ["koken"])
                try await Self.participation(fatima, on: action, state, app: app)
            }
            try await MatchingFixtures.action(app, of: other, title: "Nieuwe kookactie", skills: ["koken"])
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")

            // MUT: without a profile, then with one
            let before = try await browser.get(MatchingPath.forYou.path).body.string
            try await MatchingFixtures.saveProfile(browser, [("skills", "koken"), ("domains", "armoede")])
            let after = try await browser.get(MatchingPath.forYou.path).body.string

            // validation
            for html in [before, after] {
                XCTAssertTrue(html.contains("Nieuwe kookactie"), html)
                XCTAssertTrue(html.contains("Teruggenomen"), "an ask taken back may be offered again")
                for hidden in ["Eigen kookactie", "Al gevraagd", "Al aangenomen", "Al afgewezen"] {
                    XCTAssertFalse(html.contains(hidden), hidden)
                }
            }
        }
    }

    func testTheDigestLeavesOutWhatTheResidentAskedForOrOrganises() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup: Fatima asked for the world's first action; Omar organises the initiative
            let world = try await DigestWorld.make(app)
            let fatima = try await world.resident("fatima@example.nl", digest: true, skills: [world.cooking], domains: ["armoede"])
            let omar = try await world.resident("omar@example.nl", digest: true, skills: [world.cooking], domains: ["armoede"])
            try await world.follow(fatima)
            let organiser = InitiativeOrganiser()
            organiser.initiativeID = try world.initiative.requireID()
            organiser.userID = try omar.requireID()
            organiser.isInitiator = false
            organiser.addedAt = app.clock.now()
            try await organiser.create(on: app.db)
            let first = try await InitiativeAction.query(on: app.db).filter(\.$title == "Koken in de buurtkeuken").first()
            try await Self.participation(fatima, on: try XCTUnwrap(first), .requested, app: app)
            try await world.action("Soep koken voor de inloop")

            // MUT
            let result = try await WeeklyDigest(app: app).run(anyWeekday: true, dryRun: false)
            try await app.deliverMail()

            // validation
            XCTAssertEqual(result.mails, 1)
            let mails = try MailSink.messages(app: app, to: fatima.email)
            XCTAssertEqual(mails.count, 1)
            XCTAssertTrue(mails.first?.text.contains("Soep koken voor de inloop") ?? false)
            XCTAssertFalse(mails.first?.text.contains("Koken in de buurtkeuken") ?? true, "not as a match, nor as followed")
            XCTAssertEqual(try MailSink.messages(app: app, to: omar.email).count, 0, "nothing of his own initiative")
        }
    }

    static func participation(_ user: User, on action: InitiativeAction, _ state: Participation.State, app: Application) async throws {
        let row = Participation()
        row.actionID = try action.requireID()
        row.initiativeID = action.initiativeID
        row.userID = try user.requireID()
        row.state = state
        row.createdAt = app.clock.now()
        try await row.create(on: app.db)
    }
}
