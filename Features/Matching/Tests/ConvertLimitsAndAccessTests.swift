import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Matching

/// Turning an idea into an initiative goes through the initiatives' own form rules and proposal
/// command (slugs, caps, mail); ideas are capped and rate-limited; actions, hours and candidates
/// share one access check.
final class ConvertLimitsAndAccessTests: XCTestCase {
    func testConvertingAnIdeaUsesTheInitiativesRulesSlugsMailAndCaps() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let fatimaUser = try await app.makeUser(name: "Fatima Ouali", email: "fatima@example.nl")
            _ = try await app.makeUser(name: "Jan de Vries", email: "jan@example.nl")
            _ = try await app.makeUser(name: "Coby C", email: "coby@example.nl", roles: [.coordinator])
            let fatima = Browser(app)
            try await fatima.logIn("fatima@example.nl")
            let jan = Browser(app)
            try await jan.logIn("jan@example.nl")
            try await MatchingFixtures.initiative(app, slug: "moestuin-plein")
            let id = try await IdeaFixtures.post(
                fatima, title: "Moestuin op het plein", body: "Samen kweken.", area: nil, domains: ["groen"])
            _ = try await jan.post(MatchingPath.supportIdea(.value(id)).path)
            let path = MatchingPath.convertIdea(.value(id)).path
            let base = ["name=Moestuin%20Plein", "summary=Groente", "why=Groen", "_csrf=\(fatima.csrfToken ?? "")"]

            // MUT: six themes, as the initiatives' form refuses them
            let six = ["armoede", "recreatie", "groen", "duurzaamheid", "evenementen", "kunst-cultuur"].map { "domains=\($0)" }
            let refused = try await fatima.post(path, rawBody: ByteBuffer(string: (base + six).joined(separator: "&")))

            // validation
            XCTAssertEqual(refused.status, .badRequest)
            XCTAssertTrue(refused.body.string.contains("Kies hoogstens 5 thema"), "the initiatives' own message")
            XCTAssertTrue(refused.body.string.contains("href=\"#convert-domains\""))
            let open = try await Idea.find(id, on: app.db)
            XCTAssertEqual(open?.status, .open)

            // MUT
            let proposed = try await fatima.post(path, rawBody: ByteBuffer(string: (base + ["domains=groen"]).joined(separator: "&")))

            // validation: the initiatives' slug rules, flag, member and mail
            XCTAssertEqual(proposed.status, .seeOther)
            let made = try await Initiative.query(on: app.db).filter(\.$slug == "moestuin-plein-2").first()
            let initiative = try XCTUnwrap(made)
            XCTAssertEqual(initiative.status, .pending)
            XCTAssertTrue(initiative.underFlag)
            XCTAssertEqual(initiative.createdBy, try fatimaUser.requireID())
            let members = try await InitiativeMember.query(on: app.db).filter(\.$initiativeID == initiative.requireID()).count()
            XCTAssertEqual(members, 1)
            try await app.deliverMail()
            let mail = try MailSink.messages(app: app, to: "coby@example.nl")
            XCTAssertEqual(mail.map(\.subject), ["Nieuw initiatief om te beoordelen"])

            // setup: two more of hers wait, so she has as many waiting as anyone may
            for n in 1...2 {
                let waiting = try await MatchingFixtures.initiative(app, slug: "wacht-\(n)", status: .pending)
                waiting.createdBy = try fatimaUser.requireID()
                try await waiting.save(on: app.db)
            }
            let second = try await IdeaFixtures.post(
                fatima, title: "Bankjes in het park", body: "Om te zitten.", area: nil, domains: ["groen"])

            // MUT
            let capped = try await fatima.post(
                MatchingPath.convertIdea(.value(second)).path,
                ["name": "Bankjes Park", "summary": "Zitten.", "why": "Rust.", "domains": "groen"])

            // validation
            XCTAssertEqual(capped.status, .badRequest)
            XCTAssertTrue(capped.body.string.contains("Je hebt al 3 initiatieven die wachten op een besluit."))
            let stillOpen = try await Idea.find(second, on: app.db)
            XCTAssertEqual(stillOpen?.status, .open)
            let problems = try await MatchingFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testIdeasAreRateLimitedAndCappedPerPerson() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            _ = try await app.makeUser(name: "Fatima Ouali", email: "fatima@example.nl")
            let jan = try await app.makeUser(name: "Jan de Vries", email: "jan@example.nl")
            let fatima = Browser(app)
            try await fatima.logIn("fatima@example.nl")
            for n in 1...10 {
                _ = try await IdeaFixtures.post(fatima, title: "Idee \(n)", body: "Tekst", area: nil, domains: [])
            }

            // MUT
            let limited = try await fatima.post("/ideeen/nieuw", ["title": "Idee 11", "body": "Tekst"])

            // validation: refused with a message, what she typed kept
            XCTAssertEqual(limited.status, .badRequest)
            XCTAssertTrue(limited.body.string.contains("Je hebt het afgelopen uur al veel ideeën geplaatst."))
            XCTAssertTrue(limited.body.string.contains("Idee 11"))

            // setup: Jan already has as many open ideas as anyone may
            for n in 1...PostIdea.maxOpen {
                let idea = Idea()
                idea.id = UUID()
                idea.authorID = try jan.requireID()
                idea.title = "Oud idee \(n)"
                idea.body = "Tekst"
                idea.status = .open
                idea.supporterCount = 0
                idea.createdAt = app.clock.now()
                idea.updatedAt = app.clock.now()
                try await idea.create(on: app.db)
                try await IdeaSearch.sync(idea, on: app.db)
            }
            let janBrowser = Browser(app)
            try await janBrowser.logIn("jan@example.nl")

            // MUT
            let capped = try await janBrowser.post("/ideeen/nieuw", ["title": "Nog een idee", "body": "Tekst"])

            // validation
            XCTAssertEqual(capped.status, .badRequest)
            XCTAssertTrue(capped.body.string.contains("Je hebt al 20 open ideeën."))
            let count = try await Idea.query(on: app.db).count()
            XCTAssertEqual(count, 10 + PostIdea.maxOpen)
            let problemsAfter = try await MatchingFeature().verify(app: app)
            XCTAssertEqual(problemsAfter, [])
        }
    }

    func testActionsHoursAndCandidatesShareOneAccessCheck() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup: Orla runs the kitchen, Bram another initiative; Coby coordinates
            let orla = try await app.makeUser(name: "Orla Organiser", email: "orla@example.nl")
            let bram = try await app.makeUser(name: "Bram Bakker", email: "bram@example.nl")
            _ = try await app.makeUser(name: "Coby C", email: "coby@example.nl", roles: [.coordinator])
            let kitchen = try await MatchingFixtures.initiative(app, slug: "buurtkeuken", organiser: orla)
            try await MatchingFixtures.initiative(app, slug: "taalcafe", organiser: bram)
            let cooking = try await MatchingFixtures.action(app, of: kitchen, title: "Koken")
            let longSlug = String(repeating: "a", count: 81)
            let long = try await MatchingFixtures.initiative(app, slug: longSlug, organiser: orla)
            let longAction = try await MatchingFixtures.action(app, of: long, title: "Lang")
            func paths(_ slug: String, _ action: InitiativeAction) throws -> [String] {
                let id = Parameter<UUID>.value(try action.requireID())
                return [
                    InitiativesPath.candidates(.value(slug), action: id).path, InitiativesPath.hours(.value(slug), action: id).path,
                    InitiativesPath.newAction(.value(slug)).path, InitiativesPath.editAction(.value(slug), action: id).path,
                ]
            }
            let bramBrowser = Browser(app)
            try await bramBrowser.logIn("bram@example.nl")
            let coby = Browser(app)
            try await coby.logIn("coby@example.nl")

            for path in try paths("buurtkeuken", cooking) {
                // MUT
                let other = try await bramBrowser.get(path)
                let coordinator = try await coby.get(path)
                // validation: an organiser of another initiative is refused everywhere; a coordinator is not
                XCTAssertEqual(other.status, .forbidden, path)
                XCTAssertEqual(coordinator.status, .ok, path)
            }
            for path in try paths(longSlug, longAction) {
                // MUT
                let response = try await coby.get(path)
                // validation: one slug cap for all of them
                XCTAssertEqual(response.status, .notFound, path)
            }
        }
    }
}
