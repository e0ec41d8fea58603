import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Only the organisers of THAT initiative (or a coordinator) run it; organisers add co-organisers
/// by their account's address and never remove the last one.
final class InitiativeRightsTests: XCTestCase {
    func testAnInitiatorEditsOnlyTheirOwnAndACoordinatorMayToo() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let slug = try await InitiativeForms.approved(app, name: "Repair Café Oost", organiser: "anna@example.nl")
            _ = try await app.makeUser(name: "Bram Buur", email: "bram@example.nl")
            _ = try await app.makeUser(name: "Coby C", email: "coby@example.nl", roles: [.coordinator])
            let anna = Browser(app), bram = Browser(app), coby = Browser(app)
            try await anna.logIn("anna@example.nl")
            try await bram.logIn("bram@example.nl")
            try await coby.logIn("coby@example.nl")
            let edit = InitiativesPath.edit(.value(slug)).path

            // MUT
            let bramForm = try await bram.get(edit)
            let bramPost = try await bram.postForm(edit, InitiativeForms.fields(app, name: "Overgenomen"))
            let annaPost = try await anna.postForm(edit, InitiativeForms.fields(app, name: "Repair Café Oost en Zeeburg"))
            let cobyForm = try await coby.get(edit)

            // validation
            XCTAssertEqual(bramForm.status, .forbidden)
            XCTAssertEqual(bramPost.status, .forbidden)
            XCTAssertEqual(annaPost.status, .seeOther)
            XCTAssertEqual(annaPost.location, "/initiatieven/\(slug)", "the slug stays after an edit")
            XCTAssertEqual(cobyForm.status, .ok)
            let stored = try await Initiative.query(on: app.db).filter(\.$slug == slug).first()
            XCTAssertEqual(stored?.name, "Repair Café Oost en Zeeburg")
            let found = try await Browser(app).get("/initiatieven?q=zeeburg")
            XCTAssertTrue(found.body.string.contains("/initiatieven/\(slug)"), "an edit reindexes")
            let problems = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testAPendingInitiativeIsNotFoundForOthers() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let anna = try await Browser.signedIn(app, name: "Anna A", email: "anna@example.nl")
            let bram = try await Browser.signedIn(app, name: "Bram B", email: "bram@example.nl")
            try await anna.postForm(InitiativesPath.new.path, InitiativeForms.fields(app, name: "Stil Plan"))

            // MUT
            let page = try await bram.get("/initiatieven/stil-plan")
            let edit = try await bram.get("/initiatieven/stil-plan/bewerken")

            // validation
            XCTAssertEqual(page.status, .notFound)
            XCTAssertEqual(edit.status, .notFound)
        }
    }

    func testOrganisersAddACoOrganiserAndNeverRemoveTheLast() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let slug = try await InitiativeForms.approved(app, name: "Taalcafé West", organiser: "anna@example.nl")
            let bramUser = try await app.makeUser(name: "Bram de Vries", email: "bram@example.nl")
            let anna = Browser(app), bram = Browser(app)
            try await anna.logIn("anna@example.nl")
            try await bram.logIn("bram@example.nl")
            let organisers = InitiativesPath.organisers(.value(slug)).path
            let annaID = try await User.find(email: "anna@example.nl", on: app.db)!.requireID()

            // MUT
            let unknown = try await anna.post(organisers, ["email": "niemand@example.nl"])
            let added = try await anna.post(organisers, ["email": "Bram@Example.nl"])
            let twice = try await anna.post(organisers, ["email": "bram@example.nl"])
            let bad = try await anna.post(organisers, ["email": "geen adres"])

            // validation
            XCTAssertEqual(unknown.status, .seeOther)
            XCTAssertEqual(added.status, .seeOther)
            XCTAssertEqual(twice.status, .seeOther)
            XCTAssertEqual(bad.status, .badRequest)
            bad.assertFormErrors(title: "Organisatoren van Taalcafé West", links: [("organiser-email", "geldig e-mailadres")])
            let list = try await anna.get(organisers)
            XCTAssertTrue(list.body.string.contains("Bram V."), "names, first name and initial")
            XCTAssertFalse(list.body.string.contains("bram@example.nl"), "no address of another")
            let rows = try await InitiativeOrganiser.query(on: app.db).count()
            XCTAssertEqual(rows, 2)
            try await app.deliverMail()
            XCTAssertEqual(try MailSink.messages(app: app, to: "bram@example.nl").count, 1)
            let bramEdits = try await bram.get(InitiativesPath.edit(.value(slug)).path)
            XCTAssertEqual(bramEdits.status, .ok, "a co-organiser runs it too")

            // MUT: remove Anna, then try to remove the last one
            let removeAnna = InitiativesPath.removeOrganiser(.value(slug), user: .value(annaID)).path
            let removeBram = InitiativesPath.removeOrganiser(.value(slug), user: .value(try bramUser.requireID())).path
            let removed = try await bram.post(removeAnna)
            let last = try await bram.post(removeBram)

            // validation
            XCTAssertEqual(removed.status, .seeOther)
            XCTAssertEqual(last.status, .seeOther)
            let remaining = try await InitiativeOrganiser.query(on: app.db).all().map(\.userID)
            XCTAssertEqual(remaining, [try bramUser.requireID()], "never the last organiser")
            let annaNow = try await anna.get(InitiativesPath.edit(.value(slug)).path)
            XCTAssertEqual(annaNow.status, .forbidden)
        }
    }
}

extension InitiativeForms {
    /// An initiative proposed through the form by a new account and approved by a new coordinator.
    static func approved(
        _ app: Application, name: String, organiser email: String, district: String = "", area: String = "", domains: [String]? = nil,
        underFlag: Bool = false
    ) async throws -> String {
        if try await User.find(email: email, on: app.db) == nil { _ = try await app.makeUser(name: "Anna de Boer", email: email) }
        let organiser = Browser(app)
        try await organiser.logIn(email)
        let created = try await organiser.postForm(
            InitiativesPath.new.path, fields(app, name: name, district: district, area: area, domains: domains, underFlag: underFlag))
        XCTAssertEqual(created.status, .seeOther)
        let slug = String(created.location?.split(separator: "/").last ?? "")
        let coordinatorEmail = "coordinator-\(UUID().uuidString.prefix(8))@example.nl"
        _ = try await app.makeUser(name: "Coördinator", email: coordinatorEmail, roles: [.coordinator])
        let coordinator = Browser(app)
        try await coordinator.logIn(coordinatorEmail)
        let initiative = try await Initiative.query(on: app.db).filter(\.$slug == slug).first()!
        let approved = try await coordinator.post(InitiativesPath.adminDecide(.value(initiative.id!)).path, ["decision": "approve"])
        XCTAssertEqual(approved.status, .seeOther)
        return slug
    }
}
