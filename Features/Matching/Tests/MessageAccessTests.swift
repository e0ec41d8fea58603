import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Matching

/// Conversations are the two participants' alone; a message needs words, fits its limit, goes to
/// someone else, and a sender is slowed down after 20 in an hour.
final class MessageAccessTests: XCTestCase {
    func testOnlyTheTwoParticipantsReadAConversation() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let (author, fatima) = try await IdeaFixtures.resident(app, name: "Fatima Ouali", email: "fatima@example.nl")
            let jan = try await IdeaFixtures.resident(app, name: "Jan de Vries", email: "jan@example.nl").browser
            let sanne = try await IdeaFixtures.resident(app, name: "Sanne Stranger", email: "sanne@example.nl").browser
            let ideaID = try await IdeaFixtures.post(
                fatima, title: "Moestuin op het plein", body: "Samen groente kweken.", area: nil, domains: [])
            try await jan.post("/ideeen/\(ideaID)/meedoen")
            let sent = try await jan.post(
                "/ideeen/\(ideaID)/bericht", ["aan": try author.requireID().uuidString, "body": "Ik help graag."])
            let conversation = try XCTUnwrap(sent.location)

            // MUT + validation
            let got1 = try await fatima.get(conversation).status
            XCTAssertEqual(got1, .ok)
            let got2 = try await jan.get(conversation).status
            XCTAssertEqual(got2, .ok)
            let got3 = try await sanne.get(conversation).status
            XCTAssertEqual(got3, .notFound, "a stranger's conversation id is a 404")
            let got4 = try await sanne.post(conversation, ["body": "Ik lees mee"]).status
            XCTAssertEqual(got4, .notFound)
            let got5 = try await sanne.get("/berichten/\(UUID())").status
            XCTAssertEqual(got5, .notFound)
            let got6 = try await sanne.get("/berichten/niet-een-id").status
            XCTAssertEqual(got6, .notFound)
            let got7 = try await sanne.get("/berichten").body.string.contains(conversation)
            XCTAssertFalse(got7)
            let got8 = try await PlatformMessage.query(on: app.db).count()
            XCTAssertEqual(got8, 1)
        }
    }

    func testBadMessagesAreRefusedAndChangeNothing() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let (author, fatima) = try await IdeaFixtures.resident(app, name: "Fatima Ouali", email: "fatima@example.nl")
            let stranger = try await app.makeUser(name: "Sanne Stranger", email: "sanne@example.nl")
            let jan = Browser(app)
            _ = try await app.makeUser(name: "Jan de Vries", email: "jan@example.nl")
            try await jan.logIn("jan@example.nl")
            let ideaID = try await IdeaFixtures.post(
                fatima, title: "Moestuin op het plein", body: "Samen groente kweken.", area: nil, domains: [])
            let to = try author.requireID().uuidString

            // MUT + validation: empty, too long, only controls, to oneself, to someone not on the idea
            let nobody = try await jan.post("/ideeen/\(ideaID)/bericht", ["body": "Aan wie?"])
            XCTAssertEqual(nobody.status, .badRequest)
            XCTAssertTrue(nobody.body.string.contains("id=\"message-to-error\""))
            let empty = try await jan.post("/ideeen/\(ideaID)/bericht", ["aan": to, "body": "   "])
            XCTAssertEqual(empty.status, .badRequest)
            XCTAssertTrue(empty.body.string.contains("Schrijf een bericht."))
            let huge = try await jan.post("/ideeen/\(ideaID)/bericht", ["aan": to, "body": String(repeating: "a", count: 2001)])
            XCTAssertEqual(huge.status, .badRequest)
            XCTAssertTrue(huge.body.string.contains("2000"))
            let got9 = try await jan.post("/ideeen/\(ideaID)/bericht", ["aan": to, "body": "a\u{202E}b"]).status
            XCTAssertEqual(got9, .badRequest)
            let got10 = try await fatima.post("/ideeen/\(ideaID)/bericht", ["aan": to, "body": "Aan mezelf"]).status
            XCTAssertEqual(got10, .notFound)
            let got11 = try await fatima.post("/ideeen/\(ideaID)/bericht", ["aan": to, "start": "1"]).status
            XCTAssertEqual(got11, .notFound, "not to oneself")
            let got12 = try await jan.post("/ideeen/\(ideaID)/bericht", ["aan": try stranger.requireID().uuidString, "body": "Hoi"]).status
            XCTAssertEqual(
                got12, .notFound,
                "only to the author, a supporter or someone the page lists")
            let got13 = try await jan.post("/ideeen/\(ideaID)/bericht", ["aan": "x", "body": "Hoi"]).status
            XCTAssertEqual(got13, .notFound)
            let got14 = try await jan.post("/ideeen/\(UUID())/bericht", ["aan": to, "body": "Hoi"]).status
            XCTAssertEqual(got14, .notFound)
            let got15 = try await PlatformMessage.query(on: app.db).count()
            XCTAssertEqual(got15, 0)
            let me = try await app.makeUser(name: "Eva Echo", email: "eva@example.nl")
            let outcome = try await Conversations.send(
                from: me, to: try me.requireID(), topic: .idea, topicID: ideaID, body: "Hoi", app: app, on: app.db)
            XCTAssertEqual(outcome, .notAllowed, "nobody writes to themselves")
        }
    }

    func testASenderIsSlowedAfterTwentyMessagesAnHour() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let (author, fatima) = try await IdeaFixtures.resident(app, name: "Fatima Ouali", email: "fatima@example.nl")
            let jan = try await IdeaFixtures.resident(app, name: "Jan de Vries", email: "jan@example.nl").browser
            let ideaID = try await IdeaFixtures.post(
                fatima, title: "Moestuin op het plein", body: "Samen groente kweken.", area: nil, domains: [])
            let to = try author.requireID().uuidString
            // MUT
            for n in 1...20 {
                let got16 = try await jan.post("/ideeen/\(ideaID)/bericht", ["aan": to, "body": "Bericht \(n)"]).status
                XCTAssertEqual(got16, .seeOther)
            }
            let refused = try await jan.post("/ideeen/\(ideaID)/bericht", ["aan": to, "body": "Nummer 21"])
            // validation
            XCTAssertEqual(refused.status, .tooManyRequests)
            let got17 = try await PlatformMessage.query(on: app.db).count()
            XCTAssertEqual(got17, 20)
        }
    }
}
