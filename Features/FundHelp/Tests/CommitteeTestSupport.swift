import Fluent
import Foundation
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// Cases and committee members for the committee's tests: a case sealed and indexed as
/// `SubmitApplication` stores it, money in the fund, and members signed in.
enum CommitteeCases {
    struct Made {
        var application: SupportApplication
        var token: String
        var id: UUID { application.id! }
    }

    @discardableResult
    static func make(
        _ app: Application, name: String = "Samira Benali", phone: String? = "06 2345 6789", email: String? = "samira@example.nl",
        language: Language = .nl, requestedCents: Int64 = 30_000, urgency: SupportApplication.Urgency = .week,
        createdAt: Date? = nil, referrerID: UUID? = nil
    ) async throws -> Made {
        let details = ApplicantDetails(
            phone: phone, email: email, purpose: "huur voor deze maand", noProvision: "geen recht op bijstand", contactBy: "email")
        let made = try await SealedCases.insert(app, name: name, details: details) { application in
            application.urgency = urgency.rawValue
            application.requestedCents = requestedCents
            application.language = language.rawValue
            application.channel = referrerID == nil ? "applicant" : "referrer"
            application.referrerID = referrerID
            if let createdAt { application.createdAt = createdAt }
        }
        return Made(application: made.application, token: made.token)
    }

    /// Cash in the fund's box, recorded by the treasurer as the Fund feature does.
    static func fund(_ app: Application, euros: Int) async throws {
        var treasurer = try await User.query(on: app.db).filter(\.$email == "kas@example.nl").first()
        if treasurer == nil { treasurer = try await app.makeUser(name: "Kas", email: "kas@example.nl", roles: [.treasurer]) }
        let outcome = try await RecordCash(app: app).run(
            .init(
                amount: String(euros), day: AmsterdamTime.day(app.clock.now()), kind: "cash", source: "event", campaign: nil,
                donorName: nil, note: "benefietavond", formID: UUID().uuidString), by: treasurer!, language: .nl)
        guard case .recorded = outcome else { return XCTFail("cash not recorded: \(outcome)") }
    }

    static func member(_ app: Application, _ email: String, name: String? = nil) async throws -> Browser {
        _ = try await app.makeUser(name: name ?? email, email: email, roles: [.fundCommittee])
        let browser = Browser(app)
        try await browser.logIn(email)
        return browser
    }

    /// A decision form: every criterion judged `judgement` unless given otherwise.
    static func decision(
        _ outcome: String, amount: String = "", criterion: String = "", referredTo: String = "", revision: Int,
        judgements: [String: String] = [:], judgement: String = "met"
    ) -> [String: String] {
        var form = ["outcome": outcome, "amount": amount, "criterion": criterion, "referred_to": referredTo, "revision": String(revision)]
        for key in ["acute", "no_provision", "amsterdam", "limits"] { form["judgement-\(key)"] = judgements[key] ?? judgement }
        return form
    }

    static func reload(_ app: Application, _ id: UUID) async throws -> SupportApplication {
        try await SupportApplication.find(id, on: app.db)!
    }

    /// The outbox's messages to `address` (recipients are sealed in the outbox).
    static func mail(_ app: Application, to address: String) async throws -> [OutboxMessage] {
        try await OutboxMessage.query(on: app.db).all().filter { (try? app.mailer.recipient(of: $0))?.lowercased() == address.lowercased() }
    }

    static func granted(_ app: Application, _ id: UUID) async throws -> Bool {
        try await Ledger.exists(kind: "grant", cause: .init("support_application", id.uuidString), on: app.db)
    }
}
