import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// Declines and referrals take effect at once: the case closes, the applicant is told, and a
/// decline names the criterion not met, which the status page shows in the applicant's language.
final class DecisionTests: XCTestCase {
    func testADeclineNamesTheCriterionInTheApplicantsLanguage() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: an Arabic case
            let made = try await CommitteeCases.make(app, name: "Amal Haddad", email: "amal@example.nl", language: .ar)
            let member = try await CommitteeCases.member(app, "a@fonds.example.nl")

            // MUT: a decline must name a criterion judged "not met"
            let wrong = try await member.post(
                FundHelpPath.adminPropose(.value(made.id)).path,
                CommitteeCases.decision("decline", criterion: "acute", revision: 0, judgements: ["no_provision": "not_met"]))
            XCTAssertEqual(wrong.status, .badRequest)
            XCTAssertTrue(wrong.body.string.contains("Kies bij afwijzen een criterium"))
            let value14 = try await CommitteeCases.reload(app, made.id).status
            XCTAssertEqual(value14, "received")
            let declined = try await member.post(
                FundHelpPath.adminPropose(.value(made.id)).path,
                CommitteeCases.decision("decline", criterion: "no_provision", revision: 0, judgements: ["no_provision": "not_met"]))
            XCTAssertEqual(declined.status, .seeOther)

            // validation: closed, told, and the status page says why in Arabic
            let application = try await CommitteeCases.reload(app, made.id)
            XCTAssertEqual(application.status, "declined")
            XCTAssertNotNil(application.closedAt)
            XCTAssertNotNil(application.decidedAt)
            let decision = try await SupportDecision.query(on: app.db).filter(\.$application.$id == made.id).first()
            XCTAssertEqual(decision?.state, "final")
            XCTAssertEqual(decision?.criterion, "no_provision")
            let value15 = try await CommitteeCases.mail(app, to: "amal@example.nl").count
            XCTAssertEqual(value15, 1)
            let applicant = Browser(app)
            applicant.headers.replaceOrAdd(name: .acceptLanguage, value: "ar")
            let status = try await applicant.get(FundHelpPath.status(.value(made.token)).path)
            XCTAssertEqual(status.status, .ok)
            XCTAssertTrue(status.body.string.contains("لا توجد جهة أخرى تساعدك"), "the criterion's Arabic title")
            let value16 = try await CommitteeCases.granted(app, made.id)
            XCTAssertFalse(value16)
        }
    }

    func testAReferralNamesTheOrganisationAndClosesTheCase() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let made = try await CommitteeCases.make(app)
            let member = try await CommitteeCases.member(app, "a@fonds.example.nl")

            // MUT: without an organisation, then with one that is too long, then right
            let empty = try await member.post(
                FundHelpPath.adminPropose(.value(made.id)).path, CommitteeCases.decision("refer", revision: 0))
            XCTAssertEqual(empty.status, .badRequest)
            let long = try await member.post(
                FundHelpPath.adminPropose(.value(made.id)).path,
                CommitteeCases.decision("refer", referredTo: String(repeating: "x", count: 201), revision: 0))
            XCTAssertEqual(long.status, .badRequest)
            let value17 = try await CommitteeCases.reload(app, made.id).status
            XCTAssertEqual(value17, "received")
            let referred = try await member.post(
                FundHelpPath.adminPropose(.value(made.id)).path,
                CommitteeCases.decision("refer", referredTo: "Stichting Noodopvang", revision: 0))

            // validation
            XCTAssertEqual(referred.status, .seeOther)
            let application = try await CommitteeCases.reload(app, made.id)
            XCTAssertEqual(application.status, "referred")
            XCTAssertNotNil(application.closedAt)
            let decision = try await SupportDecision.query(on: app.db).filter(\.$application.$id == made.id).first()
            XCTAssertEqual(decision?.referredTo, "Stichting Noodopvang")
        }
    }

    func testAGrantAboveTheAskOrThePersonalLimitIsRefused() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: the person got € 400 of their € 500 earlier this year
            let earlier = try await CommitteeCases.make(app, phone: "0612345678", email: "p@example.nl")
            earlier.application.status = "granted"
            earlier.application.grantedCents = 40_000
            earlier.application.decidedAt = app.clock.now().addingTimeInterval(-30 * 86400)
            try await earlier.application.save(on: app.db)
            let made = try await CommitteeCases.make(app, phone: "+31 6 1234 5678", email: "ander@example.nl", requestedCents: 50_000)
            let member = try await CommitteeCases.member(app, "a@fonds.example.nl")
            let path = FundHelpPath.adminPropose(.value(made.id)).path

            // MUT
            let aboveAsk = try await member.post(path, CommitteeCases.decision("grant", amount: "600", revision: 0))
            let aboveLimit = try await member.post(path, CommitteeCases.decision("grant", amount: "150", revision: 0))
            let zero = try await member.post(path, CommitteeCases.decision("grant", amount: "0", revision: 0))

            // validation: each says why; nothing changed
            XCTAssertEqual(aboveAsk.status, .badRequest)
            XCTAssertTrue(aboveAsk.body.string.contains("hoger dan gevraagd"))
            XCTAssertEqual(aboveLimit.status, .badRequest)
            XCTAssertTrue(aboveLimit.body.string.contains("er kan nog € 100,00 naar deze persoon"), aboveLimit.body.string)
            XCTAssertEqual(zero.status, .badRequest)
            let value18 = try await CommitteeCases.reload(app, made.id).status
            XCTAssertEqual(value18, "received")
            let value19 = try await SupportDecision.query(on: app.db).count()
            XCTAssertEqual(value19, 0)
        }
    }
}
