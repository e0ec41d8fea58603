import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Initiatives
@testable import Matching

/// The Idealenkompas end to end: an idea is posted, a similar one is found by full text, a
/// resident joins and writes to the author, no page or mail shows anyone's address, the author
/// turns the idea into an initiative, a coordinator approves it and the supporters are members.
final class IdeaJourneyTests: XCTestCase {
    func testIdeaBecomesAnInitiativeWithItsSupportersAsMembers() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let (author, fatima) = try await IdeaFixtures.resident(app, name: "Fatima Ouali", email: "fatima@example.nl")
            let jan = try await IdeaFixtures.resident(app, name: "Jan de Vries", email: "jan@example.nl").browser
            let findable = try await app.makeUser(name: "Kees Bakker", email: "kees@example.nl")
            let hidden = try await app.makeUser(name: "Hidde Verborgen", email: "hidde@example.nl")
            _ = try await app.makeUser(name: "Cora Coördinator", email: "coordinator@example.nl", roles: [.coordinator])
            try await IdeaFixtures.profile(of: findable, domains: ["armoede"], area: "de-pijp-rivierenbuurt", findable: true, on: app.db)
            try await IdeaFixtures.profile(of: hidden, domains: ["armoede"], area: "de-pijp-rivierenbuurt", findable: false, on: app.db)

            // MUT: two ideas, the second like the first
            let ideaID = try await IdeaFixtures.post(
                fatima, title: "Een buurthuis voor jongeren in De Pijp",
                body: "Jongeren hebben geen plek om samen te koken en huiswerk te maken. Een buurthuis kan dat geven.",
                area: "de-pijp-rivierenbuurt", domains: ["armoede", "recreatie"])
            let otherID = try await IdeaFixtures.post(
                jan, title: "Buurthuizen langer open", body: "De buurthuizen in Zuid gaan vroeg dicht; jongeren willen er 's avonds koken.",
                area: nil, domains: ["recreatie"])

            // validation: full-text search and similar ideas
            let search = try await Browser(app).get("/ideeen?q=buurthuizen")
            XCTAssertEqual(search.status, .ok)
            XCTAssertTrue(search.body.string.contains("<mark>"), "a search hit is highlighted")
            XCTAssertTrue(search.body.string.contains("/ideeen/\(ideaID)"), "Dutch stemming: buurthuizen finds buurthuis")
            let page = try await jan.get("/ideeen/\(ideaID)")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("/ideeen/\(otherID)"), "the similar idea is shown")
            XCTAssertTrue(page.body.string.contains("Fatima O."))
            XCTAssertTrue(page.body.string.contains("Kees B."), "a findable resident with the same domain and area is shown")
            XCTAssertFalse(page.body.string.contains("Hidde"), "a resident who is not findable is never shown")
            let anonymous = try await Browser(app).get("/ideeen/\(ideaID)")
            XCTAssertFalse(anonymous.body.string.contains("Kees B."), "interested people only for the signed-in")

            // MUT: Jan joins (twice: one support) and writes to Fatima
            try await jan.post("/ideeen/\(ideaID)/meedoen")
            try await jan.post("/ideeen/\(ideaID)/meedoen")
            let got1 = try await Idea.find(ideaID, on: app.db)
            var idea = try XCTUnwrap(got1)
            XCTAssertEqual(idea.supporterCount, 1)
            // The page's button posts who to write to (never in the address) and gets the form.
            XCTAssertTrue(page.body.string.contains("name=\"aan\" value=\"\(try author.requireID().uuidString)\""))
            let form = try await jan.post("/ideeen/\(ideaID)/bericht", ["aan": try author.requireID().uuidString, "start": "1"])
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.string.contains("Fatima O."))
            XCTAssertFalse(form.body.string.contains("@example.nl"))
            let choose = try await jan.get("/ideeen/\(ideaID)/bericht")
            XCTAssertEqual(choose.status, .ok, "the form lists whom one may write to")
            let sent = try await jan.post(
                "/ideeen/\(ideaID)/bericht", ["aan": try author.requireID().uuidString, "body": "Ik kook graag mee! Wanneer beginnen we?"])
            XCTAssertEqual(sent.status, .seeOther)
            let conversation = try XCTUnwrap(sent.location)

            // validation: the notice says who wrote about what, and shows no address at all
            try await app.deliverMail()
            let mail = try XCTUnwrap(try MailSink.messages(app: app, to: "fatima@example.nl").last)
            XCTAssertTrue(mail.subject.contains("Jan d.") || mail.subject.contains("Jan"), mail.subject)
            XCTAssertTrue(mail.subject.contains("buurthuis"), mail.subject)
            XCTAssertTrue(mail.text.contains(conversation), "the mail links to the conversation")
            XCTAssertFalse(mail.text.contains("Ik kook graag mee"), "the message itself stays on the platform")
            for text in [mail.text, mail.html] {
                XCTAssertFalse(text.contains("jan@example.nl"))
                XCTAssertFalse(text.contains("fatima@example.nl"))
            }
            XCTAssertFalse(mail.raw.contains("jan@example.nl"), "neither From nor Reply-To is the sender")
            XCTAssertTrue(mail.raw.contains("From: ") && mail.raw.contains(app.config.mail.fromAddress), "it comes from the platform")
            let inbox = try await fatima.get("/berichten")
            XCTAssertTrue(inbox.body.string.contains(conversation))
            XCTAssertTrue(inbox.body.string.contains("class=\"tag on\""), "unread is marked")
            let opened = try await fatima.get(conversation)
            let inboxAfter = try await fatima.get("/berichten")
            XCTAssertFalse(inboxAfter.body.string.contains("class=\"tag on\""), "read once opened")
            XCTAssertTrue(opened.body.string.contains("Ik kook graag mee!"))
            let read = try await PlatformMessage.query(on: app.db).all()
            XCTAssertNotNil(read.first?.readAt, "opening it marks it read")
            let reply = try await fatima.post(conversation, ["body": "Zaterdag in de Pijp?"])
            XCTAssertEqual(reply.status, .seeOther)
            let conversations = Set(try await PlatformMessage.query(on: app.db).all().map(\.conversationID))
            XCTAssertEqual(conversations.count, 1, "one conversation")
            for pageText in [page.body.string, inbox.body.string, opened.body.string, try await jan.get(conversation).body.string] {
                XCTAssertFalse(pageText.contains("@example.nl"), "no page shows an e-mail address")
            }

            // MUT: Fatima turns the idea into an initiative
            let convertForm = try await fatima.get("/ideeen/\(ideaID)/initiatief")
            XCTAssertEqual(convertForm.status, .ok)
            XCTAssertTrue(convertForm.body.string.contains("Een buurthuis voor jongeren in De Pijp"), "prefilled from the idea")
            let got2 = try await jan.get("/ideeen/\(ideaID)/initiatief").status
            XCTAssertEqual(got2, .notFound, "only the author converts")
            let converted = try await fatima.post(
                "/ideeen/\(ideaID)/initiatief",
                [
                    "name": "Buurthuis Jong De Pijp", "summary": "Een plek voor jongeren om te koken en te leren.",
                    "why": "Jongeren hebben geen plek.", "district": "zuid", "area": "de-pijp-rivierenbuurt", "domains": "armoede",
                ])
            XCTAssertEqual(converted.status, .seeOther)
            let got3 = try await Idea.find(ideaID, on: app.db)
            idea = try XCTUnwrap(got3)
            XCTAssertEqual(idea.status, .proposed)
            let got4 = try await Initiative.find(try XCTUnwrap(idea.initiativeID), on: app.db)
            let initiative = try XCTUnwrap(got4)
            XCTAssertEqual(initiative.status, .pending)
            XCTAssertTrue(initiative.underFlag)
            let got5 = try await InitiativeMember.query(on: app.db).filter(\.$initiativeID == initiative.requireID()).count()
            XCTAssertEqual(got5, 1)
            let again = try await fatima.post("/ideeen/\(ideaID)/initiatief", ["name": "Nog een keer"])
            XCTAssertEqual(again.status, .seeOther, "posting again lands on the same proposal")
            let got6 = try await Initiative.query(on: app.db).count()
            XCTAssertEqual(got6, 1)

            // MUT: the coordinator approves
            let decided = try await IdeaFixtures.decide(initiative, approve: true, app: app)
            XCTAssertEqual(decided, .approved(slug: initiative.slug))

            // validation: converted, out of the index, supporters counted and told
            let got7 = try await Idea.find(ideaID, on: app.db)
            idea = try XCTUnwrap(got7)
            XCTAssertEqual(idea.status, .converted)
            let afterSearch = try await Browser(app).get("/ideeen?q=jongeren")
            XCTAssertFalse(afterSearch.body.string.contains("/ideeen/\(ideaID)"), "a converted idea leaves the index")
            let got8 = try await Initiative.find(initiative.requireID(), on: app.db)
            let counted = try XCTUnwrap(got8)
            XCTAssertEqual(counted.peopleConnected, 1, "the supporter is a member, counted once")
            try await app.deliverMail()
            let told = try MailSink.messages(app: app, to: "jan@example.nl")
            XCTAssertTrue(told.contains { $0.subject.contains("Buurthuis Jong De Pijp") }, "the supporter is told: \(told.map(\.subject))")
            let coordinatorMail = try MailSink.messages(app: app, to: "coordinator@example.nl")
            XCTAssertEqual(coordinatorMail.count, 1, "the coordinators heard of the proposal")
            let got9 = try await MatchingFeature().verify(app: app)
            XCTAssertEqual(got9, [])
            let got10 = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(got10, [])
        }
    }

    func testARejectedInitiativeLeavesItsIdeaOpenAgain() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let fatima = try await IdeaFixtures.resident(app, name: "Fatima Ouali", email: "fatima@example.nl").browser
            let id = try await IdeaFixtures.post(
                fatima, title: "Moestuin op het plein", body: "Samen groente kweken.", area: nil, domains: ["groen"])
            let proposed = try await fatima.post(
                "/ideeen/\(id)/initiatief", ["name": "Moestuin Plein", "summary": "Groente kweken.", "why": "Groen.", "domains": "groen"])
            XCTAssertEqual(proposed.status, .seeOther)
            let found = try await Idea.find(id, on: app.db)
            let idea = try XCTUnwrap(found)
            let made = try await Initiative.find(idea.initiativeID, on: app.db)
            let initiative = try XCTUnwrap(made)

            // MUT
            let outcome = try await IdeaFixtures.decide(initiative, approve: false, app: app)

            // validation
            XCTAssertEqual(outcome, .rejected(slug: initiative.slug))
            let after = try await Idea.find(id, on: app.db)
            XCTAssertEqual(after?.status, .open)
            XCTAssertNil(after?.initiativeID)
            let search = try await Browser(app).get("/ideeen?q=moestuin").body.string
            XCTAssertTrue(search.contains("/ideeen/\(id)"), "open again, and in the index")
            let edit = try await fatima.get("/ideeen/\(id)/bewerken").status
            XCTAssertEqual(edit, .ok, "its author may change it again")
            let problems = try await MatchingFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
