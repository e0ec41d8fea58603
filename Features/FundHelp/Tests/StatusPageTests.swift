import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// The applicant's own page, by the token of their link: the committee's question and their
/// answer, a document added, who read the case, and erasing everything; a guessed or erased
/// link finds nothing and says nothing more.
final class StatusPageTests: XCTestCase {
    /// Applies through the form and returns the browser, the case and its token.
    private func apply(_ app: Application, language: String? = nil) async throws -> (Browser, SupportApplication, String) {
        let browser = Browser(app)
        if let language { browser.cookies[Language.cookieName] = language }
        let response = try await ApplyForms.post(browser, ApplyForms.valid(), files: [("brief.pdf", ApplyForms.pdf)])
        let token = try XCTUnwrap(ApplyForms.token(in: response.location), response.body.string)
        try await browser.get(try XCTUnwrap(response.location))  // shows (and so ends) the flash
        let application = try await SupportApplication.query(on: app.db).filter(\.$statusTokenHash == SecureToken.hash(token)).first()
        return (browser, try XCTUnwrap(application), token)
    }

    /// The committee asks a question, as its own route does: a sealed message, status `question`.
    private func ask(_ app: Application, _ application: SupportApplication, _ text: String) async throws {
        let message = SupportMessage()
        message.$application.id = application.id!
        message.author = SupportMessage.Author.committee.rawValue
        message.addressedTo = "applicant"
        message.bodySealed = try app.fundSealer.seal(text, context: ApplicantVault.Context.message)
        message.createdAt = Date()
        try await message.create(on: app.db)
        application.status = SupportApplication.Status.question.rawValue
        application.revision += 1
        try await application.save(on: app.db)
    }

    /// A page's own content, without the header (whose language switch links back to the page).
    static func main(_ page: String) -> String {
        guard let start = page.range(of: "<main"), let end = page.range(of: "</main>") else { return page }
        return String(page[start.lowerBound..<end.upperBound])
    }

    func testTheApplicantAnswersTheCommitteesQuestionAndSeesWhoReadTheCase() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let (browser, application, token) = try await apply(app)
            try await ask(app, application, "Hoe lang heb je de slaapplek nodig?")
            let member = try await app.makeUser(name: "Commissielid", email: "lid@example.nl", roles: [.fundCommittee])
            try await CaseReads.record(application, by: member, role: .fundCommittee, what: "case", on: app.db)
            try await CaseReads.record(application, by: member, role: .fundCommittee, what: "case", on: app.db)
            let page = try await browser.get(FundHelpPath.status(.value(token)).path)
            XCTAssertTrue(page.body.string.contains("Hoe lang heb je de slaapplek nodig?"))
            XCTAssertTrue(page.body.string.contains("We hebben een vraag"))
            XCTAssertTrue(page.body.string.contains("De fondscommissie: 2 keer"))
            XCTAssertFalse(page.body.string.contains("Commissielid"), "never the reader's name")
            XCTAssertTrue(page.body.string.contains("brief.pdf"))

            // MUT
            let answer = try await browser.post(
                FundHelpPath.statusMessage(.value(token)).path, ["body": "Twee weken, tot mijn nieuwe kamer."])

            // validation
            XCTAssertEqual(answer.status, .seeOther)
            let reopened = try await SupportApplication.find(application.id, on: app.db)
            XCTAssertEqual(reopened?.statusValue, .received)
            XCTAssertEqual(reopened?.revision, application.revision + 1)
            let after = try await browser.get(FundHelpPath.status(.value(token)).path)
            XCTAssertTrue(after.body.string.contains("Twee weken, tot mijn nieuwe kamer."))
            XCTAssertTrue(after.body.string.contains("Ontvangen"))
            let stored = try await SupportMessage.query(on: app.db).filter(\.$author == "applicant").first()
            XCTAssertFalse(stored?.bodySealed?.contains("Twee weken") ?? true)
        }
    }

    func testADocumentIsAddedAndAFakeOneRefused() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let (browser, _, token) = try await apply(app)
            let before = try await ApplyForms.counts(app)

            // MUT: a shell script named .pdf, then a real photo
            let fake = try await ApplyForms.post(
                browser, path: FundHelpPath.statusDocument.path, ["token": token], files: [("factuur.pdf", ApplyForms.script)])
            let real = try await ApplyForms.post(
                browser, path: FundHelpPath.statusDocument.path, ["token": token], files: [("factuur.png", ApplyForms.png)])

            // validation
            XCTAssertEqual(fake.status, .unprocessableEntity)
            XCTAssertTrue(fake.body.string.contains("factuur.pdf is geen foto of PDF"))
            XCTAssertEqual(real.status, .seeOther)
            let after = try await ApplyForms.counts(app)
            XCTAssertEqual(after.documents, before.documents + 1)
            XCTAssertEqual(after.files, before.files + 1)
        }
    }

    func testAGuessedOrErasedLinkFindsNothing() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let (browser, application, token) = try await apply(app)
            let guessed = try await browser.get(FundHelpPath.status(.value(SecureToken.make())).path)
            let malformed = try await browser.get("/fonds/aanvraag/%27%20OR%201=1")
            XCTAssertEqual(guessed.status, .notFound)
            XCTAssertEqual(malformed.status, .notFound)
            XCTAssertTrue(guessed.body.string.contains("We vinden geen aanvraag bij deze link"))

            // MUT: the applicant erases everything
            let confirm = try await browser.get(FundHelpPath.statusErase(.value(token)).path)
            XCTAssertTrue(confirm.body.string.contains("wissen?"))
            let erased = try await browser.post(FundHelpPath.statusErase(.value(token)).path)

            // validation: the link now finds what a guessed one finds; the anonymous record stays
            XCTAssertEqual(erased.status, .ok)
            let gone = try await browser.get(FundHelpPath.status(.value(token)).path)
            XCTAssertEqual(gone.status, .notFound)
            XCTAssertEqual(Self.main(gone.body.string), Self.main(guessed.body.string), "an erased link says what a guessed one says")
            let record = try await SupportApplication.find(application.id, on: app.db)
            XCTAssertNotNil(record?.erasedAt)
            XCTAssertNil(record?.nameSealed)
            XCTAssertNil(record?.detailsSealed)
            XCTAssertNil(record?.statusTokenSealed)
            XCTAssertEqual(record?.requestedCents, 15_000)
            XCTAssertEqual(record?.category, "shelter")
            let counts = try await ApplyForms.counts(app)
            XCTAssertEqual([counts.keys, counts.documents, counts.files], [0, 0, 0])
        }
    }

    func testADeclineNamesTheCriterionInTheApplicantsLanguage() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: applied in Turkish, declined for not living in Amsterdam
            let (browser, application, token) = try await apply(app, language: "tr")
            let member = try await app.makeUser(email: "lid@example.nl", roles: [.fundCommittee])
            let decision = SupportDecision()
            decision.$application.id = application.id!
            decision.outcome = SupportDecision.Outcome.decline.rawValue
            decision.state = SupportDecision.State.final.rawValue
            decision.criterion = "amsterdam"
            decision.judgements = ["amsterdam": "not_met"]
            decision.criteriaVersion = 1
            decision.proposedBy = member.id!
            decision.proposedAt = Date()
            try await decision.create(on: app.db)
            application.status = SupportApplication.Status.declined.rawValue
            try await application.save(on: app.db)

            // MUT
            let page = try await browser.get(FundHelpPath.status(.value(token)).path)

            // validation
            XCTAssertTrue(page.body.string.contains("Reddedildi"))
            XCTAssertTrue(
                page.body.string.contains("Karşılanmayan koşul: Amsterdam&#39;da yaşıyorsun")
                    || page.body.string.contains("Karşılanmayan koşul: Amsterdam'da yaşıyorsun"), Self.main(page.body.string))
        }
    }

    func testEveryApplicantPageSpeaksArabicTurkishAndPolish() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            for language in ["ar", "tr", "pl"] {
                // setup
                let (browser, application, token) = try await apply(app, language: language)
                try await ask(app, application, "?")
                let member = try await app.makeUser(email: "lid-\(language)@example.nl", roles: [.fundCommittee])
                try await CaseReads.record(application, by: member, role: .fundCommittee, what: "case", on: app.db)

                // MUT: every page (the strict catalogue fails the test on a missing text)
                for path in [
                    FundHelpPath.apply.path, FundHelpPath.criteria.path, FundHelpPath.status(.value(token)).path,
                    FundHelpPath.statusErase(.value(token)).path, FundHelpPath.status(.value("x" + SecureToken.make())).path,
                ] {
                    let page = try await browser.get(path)

                    // validation
                    XCTAssertTrue([.ok, .notFound].contains(page.status), "\(path) in \(language)")
                    XCTAssertTrue(page.body.string.contains("lang=\"\(language)\""), "\(path) in \(language)")
                    XCTAssertTrue(
                        page.body.string.contains("<html lang=\"\(language)\" dir=\"\(language == "ar" ? "rtl" : "ltr")\">"),
                        "\(path) in \(language)")
                }
                XCTAssertEqual(application.language, language)
            }
        }
    }
}
