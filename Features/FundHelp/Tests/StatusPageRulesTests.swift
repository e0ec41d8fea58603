import Fluent
import Fund
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTest

@testable import FundHelp

/// What the applicant's status page shows and takes: only the questions meant for them, in their
/// case's language, no message form once the case is closed, Arabic digits as digits, and a
/// clear "too many tries" that keeps a typed message.
final class StatusPageRulesTests: XCTestCase {
    private func status(_ browser: Browser, _ token: String) async throws -> String {
        StatusPageTests.main(try await browser.get(FundHelpPath.status(.value(token)).path).body.string)
    }

    func testAQuestionToTheReferrerShowsOnlyOnTheReferrersPage() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let referrerUser = try await app.makeUser(name: "Anouk", email: "anouk@wijkteam.example.nl", roles: [.referrer])
            let referrer = Browser(app)
            try await referrer.logIn("anouk@wijkteam.example.nl")
            let made = try await CommitteeCases.make(app, referrerID: try referrerUser.requireID())
            let member = try await CommitteeCases.member(app, "a@fonds.example.nl")
            let applicant = Browser(app)

            // MUT: a question to the referrer
            let asked = try await member.post(
                FundHelpPath.adminQuestion(.value(made.id)).path, ["to": "referrer", "question": "Kent u de verhuurder?", "revision": "0"])

            // validation: the referrer sees it and its alert, and is mailed; the applicant neither
            XCTAssertEqual(asked.status, .seeOther, asked.body.string)
            let mailed = try await OutboxMessage.query(on: app.db).all().map { try app.mailer.recipient(of: $0) }
            XCTAssertEqual(mailed, ["anouk@wijkteam.example.nl"], "news of a question to the referrer goes to the referrer only")
            let forApplicant = try await status(applicant, made.token)
            XCTAssertFalse(forApplicant.contains("Kent u de verhuurder?"))
            XCTAssertFalse(forApplicant.contains("De commissie wacht op je antwoord."))
            XCTAssertTrue(forApplicant.contains("Ontvangen"), "the applicant's case is being looked at, not waiting for them")
            XCTAssertFalse(forApplicant.contains("We hebben een vraag"))
            let forReferrer = try await referrer.get(FundHelpPath.referrerCase(.value(made.id)).path).body.string
            XCTAssertTrue(forReferrer.contains("Kent u de verhuurder?"))
            XCTAssertTrue(forReferrer.contains("De commissie wacht op je antwoord."))

            // MUT: the referrer answers; then a question to the applicant
            _ = try await referrer.post(FundHelpPath.referrerMessage(.value(made.id)).path, ["body": "Ja, al jaren."])
            _ = try await member.get(FundHelpPath.adminCase(.value(made.id)).path)
            let revision = try await CommitteeCases.reload(app, made.id).revision
            _ = try await member.post(
                FundHelpPath.adminQuestion(.value(made.id)).path,
                ["to": "applicant", "question": "Sinds wanneer woon je daar?", "revision": String(revision)])

            // validation: a question to the applicant shows on both pages
            let later = try await status(applicant, made.token)
            XCTAssertTrue(later.contains("Sinds wanneer woon je daar?"))
            XCTAssertTrue(later.contains("De commissie wacht op je antwoord."))
            XCTAssertFalse(later.contains("Kent u de verhuurder?"))
            let referrerLater = try await referrer.get(FundHelpPath.referrerCase(.value(made.id)).path).body.string
            XCTAssertTrue(referrerLater.contains("Sinds wanneer woon je daar?"))
        }
    }

    func testArabicDigitsAreReadInTheAmountPhoneAndIBAN() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            var form = ApplyForms.valid()
            form["amount"] = "١٢٥٫٥٠"
            form["phone"] = "٠٦ ١٢٣٤ ٥٦٧٨"
            form["iban"] = "NL٩١ ABNA ٠٤١٧ ١٦٤٣ ٠٠"
            form["account_holder"] = "F. El Amrani"

            // MUT
            let response = try await ApplyForms.post(Browser(app), form)

            // validation: stored in Western digits, and found by the same phone key as "06 1234 5678"
            let token = try XCTUnwrap(ApplyForms.token(in: response.location), response.body.string)
            let found = try await SupportApplication.query(on: app.db).filter(\.$statusTokenHash == SecureToken.hash(token)).first()
            let application = try XCTUnwrap(found)
            XCTAssertEqual(application.requestedCents, 12_550)
            let details = try XCTUnwrap(CaseDetails.open(application, sealer: app.fundSealer))
            XCTAssertEqual(details.phone, "06 1234 5678")
            XCTAssertEqual(details.iban, "NL91ABNA0417164300")
            let phoneKey = app.fundSealer.blindIndex("0612345678", context: ApplicantVault.Context.person("phone"))
            let keys = try await SupportPersonKey.query(on: app.db).filter(\.$application.$id == application.requireID()).all()
            XCTAssertTrue(keys.contains { $0.kind == "phone" && $0.key == phoneKey })
            XCTAssertEqual(PersonKeys.phone("+٣١ ٦ ۱۲۳۴ ۵۶۷۸"), "0612345678", "Persian digits too")
        }
    }

    func testTheStatusPageSpeaksTheCasesLanguageUnlessTheVisitorChose() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let made = try await CommitteeCases.make(app, language: .ar)
            let dutchBrowser = Browser(app)
            dutchBrowser.headers.replaceOrAdd(name: .acceptLanguage, value: "nl")
            let chose = Browser(app)
            chose.headers.replaceOrAdd(name: .acceptLanguage, value: "nl")
            chose.cookies[Language.cookieName] = "en"

            // MUT
            let page = try await dutchBrowser.get(FundHelpPath.status(.value(made.token)).path).body.string
            let chosen = try await chose.get(FundHelpPath.status(.value(made.token)).path).body.string

            // validation
            XCTAssertTrue(page.contains(#"<html lang="ar" dir="rtl">"#), String(page.prefix(300)))
            XCTAssertTrue(chosen.contains(#"<html lang="en" dir="ltr">"#), String(chosen.prefix(300)))
        }
    }

    func testAClosedCaseTakesNoMessageAndSaysWhereToTurnAGrantedOneDoes() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let declined = try await CommitteeCases.make(app)
            declined.application.status = SupportApplication.Status.declined.rawValue
            declined.application.closedAt = app.clock.now()
            try await declined.application.save(on: app.db)
            let granted = try await CommitteeCases.make(app, name: "Ander", phone: "0677777777", email: "ander@example.nl")
            granted.application.status = SupportApplication.Status.granted.rawValue
            try await granted.application.save(on: app.db)
            let applicant = Browser(app)

            // MUT
            let closedPage = try await status(applicant, declined.token)
            let posted = try await applicant.post(FundHelpPath.statusMessage(.value(declined.token)).path, ["body": "Waarom niet?"])
            let afterPost = try await status(applicant, declined.token)
            let grantedPage = try await status(applicant, granted.token)
            let ibanChange = try await applicant.post(
                FundHelpPath.statusMessage(.value(granted.token)).path, ["body": "Mijn nieuwe IBAN is NL91ABNA0417164300."])

            // validation
            XCTAssertFalse(closedPage.contains("status-message-form"))
            XCTAssertTrue(closedPage.contains("Je aanvraag is afgerond"))
            XCTAssertTrue(closedPage.contains(#"href="/contact""#))
            XCTAssertTrue(closedPage.contains(#"href="/fonds/aanvragen""#))
            XCTAssertEqual(posted.status, .seeOther)
            XCTAssertTrue(afterPost.contains("Je bericht is niet verstuurd."), afterPost)
            let declinedMessages = try await SupportMessage.query(on: app.db).filter(\.$application.$id == declined.id).count()
            XCTAssertEqual(declinedMessages, 0)
            let declinedAfter = try await CommitteeCases.reload(app, declined.id)
            XCTAssertNil(declinedAfter.applicantWroteAt)
            XCTAssertTrue(grantedPage.contains("status-message-form"))
            XCTAssertEqual(ibanChange.status, .seeOther)
            let wrote = try await CommitteeCases.reload(app, granted.id)
            let wroteAt = try XCTUnwrap(wrote.applicantWroteAt)
            XCTAssertLessThan(abs(wroteAt.timeIntervalSince(app.clock.now())), 60)
            XCTAssertEqual(wrote.statusValue, .granted)
        }
    }

    func testOverTheLimitTheStatusPageSaysWaitAndKeepsTheTypedMessage() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: one visit, then this address's hour used up
            let made = try await CommitteeCases.make(app)
            let applicant = Browser(app)
            applicant.headers.replaceOrAdd(name: .acceptLanguage, value: "pl")
            _ = try await applicant.get(FundHelpPath.status(.value(made.token)).path)
            try await app.db.sql.raw("UPDATE rate_limits SET hits = 10000 WHERE bucket LIKE 'fund-help-status:%'").run()

            // MUT
            let shown = try await applicant.get(FundHelpPath.status(.value(made.token)).path)
            let answered = try await applicant.post(
                FundHelpPath.statusMessage(.value(made.token)).path, ["body": "Mój czynsz to 650 euro."])

            // validation: 429 in the visitor's language (the case is not looked up), not "not found"; the text kept, nothing stored
            XCTAssertEqual(shown.status, .tooManyRequests)
            XCTAssertNotNil(shown.headers.first(name: .retryAfter))
            XCTAssertTrue(shown.body.string.contains("Zbyt wiele prób"), shown.body.string)
            XCTAssertEqual(answered.status, .tooManyRequests)
            XCTAssertTrue(answered.body.string.contains("Mój czynsz to 650 euro."))
            XCTAssertTrue(answered.body.string.contains(#"action="\#(FundHelpPath.statusMessage(.value(made.token)).path)""#))
            let stored = try await SupportMessage.query(on: app.db).filter(\.$application.$id == made.id).count()
            XCTAssertEqual(stored, 0)
        }
    }
}
