import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Initiatives

/// Proposing mails every coordinator, so a person has few proposals waiting and few an hour;
/// the flag is a coordinator's once an initiative is decided on; the co-organiser cap does not
/// tell whether an address has an account; one short name everywhere.
final class ProposeAndFlagTests: XCTestCase {
    func testProposalsAreCappedWhileTheyWaitAndRateLimitedPerHour() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let anna = try await app.makeUser(name: "Anna de Boer", email: "anna@example.nl")
            _ = try await app.makeUser(name: "Coby C", email: "coby@example.nl", roles: [.coordinator])
            let browser = Browser(app)
            try await browser.logIn("anna@example.nl")
            for n in 1...ProposeInitiative.maxPending {
                let made = try await browser.postForm(InitiativesPath.new.path, InitiativeForms.fields(app, name: "Buurtplan \(n)"))
                XCTAssertEqual(made.status, .seeOther)
            }

            // MUT: one more while three wait
            let refused = try await browser.postForm(InitiativesPath.new.path, InitiativeForms.fields(app, name: "Buurtplan 4"))
            let repeated = try await browser.postForm(InitiativesPath.new.path, InitiativeForms.fields(app, name: "Buurtplan 1"))

            // validation: refused with a message, the typed text kept; a repeat still lands on its proposal
            XCTAssertEqual(refused.status, .badRequest)
            XCTAssertTrue(refused.body.string.contains("Je hebt al 3 initiatieven die wachten op een besluit."))
            XCTAssertTrue(refused.body.string.contains("Buurtplan 4"))
            XCTAssertEqual(repeated.location, "/initiatieven/buurtplan-1")
            let stored = try await Initiative.query(on: app.db).count()
            XCTAssertEqual(stored, 3)
            try await app.deliverMail()
            XCTAssertEqual(try MailSink.messages(app: app, to: "coby@example.nl").count, 3, "one mail per proposal")

            // MUT: once decided on, more may wait — but at most five proposals an hour
            try await Initiative.query(on: app.db).set(\.$status, to: .rejected).update()
            let userID = try anna.requireID()
            for n in 4...5 {
                let valid = try XCTUnwrap(Self.valid(app, name: "Buurtplan \(n)"))
                let outcome = try await app.db.writeTransaction { db in try await ProposeInitiative(app: app).run(valid, by: userID, on: db)
                }
                XCTAssertEqual(outcome, .proposed(id: try Self.id(outcome), slug: "buurtplan-\(n)"))
            }
            let limited = try await browser.postForm(InitiativesPath.new.path, InitiativeForms.fields(app, name: "Buurtplan 6"))

            // validation
            XCTAssertEqual(limited.status, .badRequest)
            XCTAssertTrue(limited.body.string.contains("Je hebt het afgelopen uur al veel initiatieven aangevraagd."))
            let after = try await Initiative.query(on: app.db).count()
            XCTAssertEqual(after, 5)
            let problems = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testOnlyACoordinatorChangesTheFlagOnceTheInitiativeIsDecided() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let slug = try await InitiativeForms.approved(app, name: "Taalcafe Oost", organiser: "anna@example.nl", underFlag: false)
            _ = try await app.makeUser(name: "Coby C", email: "coby@example.nl", roles: [.coordinator])
            let anna = Browser(app)
            try await anna.logIn("anna@example.nl")
            let coby = Browser(app)
            try await coby.logIn("coby@example.nl")
            let edit = InitiativesPath.edit(.value(slug)).path

            // MUT: the organiser ticks the flag
            let form = try await anna.get(edit)
            let saved = try await anna.postForm(edit, InitiativeForms.fields(app, name: "Taalcafe Oost", underFlag: true))

            // validation: shown read-only with a note; saved, but not under the flag
            XCTAssertTrue(form.body.string.contains("Alleen een coördinator kan dit nu nog veranderen."))
            XCTAssertFalse(form.body.string.contains("name=\"under_flag\""))
            XCTAssertEqual(saved.status, .seeOther)
            let afterAnna = try await Initiative.query(on: app.db).filter(\.$slug == slug).first()
            XCTAssertEqual(afterAnna?.underFlag, false)
            let flaggedCount = try await InitiativeTotals.current(on: app.db).underFlag
            XCTAssertEqual(flaggedCount, 0)

            // MUT: a coordinator does
            let cobyForm = try await coby.get(edit)
            let flagged = try await coby.postForm(edit, InitiativeForms.fields(app, name: "Taalcafe Oost", underFlag: true))

            // validation
            XCTAssertTrue(cobyForm.body.string.contains("name=\"under_flag\""))
            XCTAssertEqual(flagged.status, .seeOther)
            let afterCoby = try await Initiative.query(on: app.db).filter(\.$slug == slug).first()
            XCTAssertEqual(afterCoby?.underFlag, true)

            // MUT: the organiser saves again without the (unposted) flag
            _ = try await anna.postForm(edit, InitiativeForms.fields(app, name: "Taalcafe Oost", underFlag: false))

            // validation: it stays
            let kept = try await Initiative.query(on: app.db).filter(\.$slug == slug).first()
            XCTAssertEqual(kept?.underFlag, true)
            let flaggedAfter = try await InitiativeTotals.current(on: app.db).underFlag
            XCTAssertEqual(flaggedAfter, 1)
            let problemsAfter = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(problemsAfter, [])
        }
    }

    func testTheCoOrganiserCapAnswersTheSameWhetherOrNotTheAddressHasAnAccount() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup: an initiative with the most organisers it may have
            let anna = try await app.makeUser(name: "Anna de Boer", email: "anna@example.nl")
            _ = try await app.makeUser(name: "Bram Bakker", email: "bram@example.nl")
            let initiative = try await ValueFixture(app: app).initiative("Buurtkeuken", organiser: anna)
            for n in 1..<AddOrganiser.maxOrganisers {
                let row = InitiativeOrganiser()
                row.initiativeID = try initiative.requireID()
                row.userID = try await app.makeUser(name: "Helper \(n)", email: "helper\(n)@example.nl").requireID()
                row.isInitiator = false
                row.addedAt = app.clock.now()
                try await row.create(on: app.db)
            }
            let add = AddOrganiser(app: app)

            // MUT
            let withAccount = try await add.run(email: "bram@example.nl", initiativeID: initiative.requireID(), by: anna, language: .nl)
            let withoutAccount = try await add.run(
                email: "nobody@example.nl", initiativeID: initiative.requireID(), by: anna, language: .nl)

            // validation
            XCTAssertEqual(withAccount, .tooMany)
            XCTAssertEqual(withoutAccount, .tooMany, "the same answer: the cap does not reveal accounts")
            let count = try await InitiativeOrganiser.query(on: app.db).count()
            XCTAssertEqual(count, AddOrganiser.maxOrganisers)
        }
    }

    func testOneShortNameForEveryone() {
        XCTAssertEqual(PublicName.short("Fatima el Amrani"), "Fatima A.")
        XCTAssertEqual(PublicName.short("  Joris\tbakker "), "Joris B.")
        XCTAssertEqual(PublicName.short("Cher"), "Cher")
        XCTAssertEqual(PublicName.short(""), "")
    }

    private static func valid(_ app: Application, name: String) -> InitiativeForm.Valid? {
        var form = InitiativeForm()
        form.name = name
        form.summary = "Samen koken."
        form.why = "Omdat het kan."
        form.domains = [app.reference.domains[0].slug]
        guard case .success(let valid) = form.validate(app.reference, { $0 }) else { return nil }
        return valid
    }

    private static func id(_ outcome: ProposeInitiative.Outcome) throws -> UUID {
        guard case .proposed(let id, _) = outcome else { throw Abort(.internalServerError, reason: "\(outcome)") }
        return id
    }
}
