import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import FundHelp

/// The treasurer pays granted help: never more than what is left of the grant (also when two
/// pay at once), cash and vouchers booked at once, and bad input refused with nothing stored.
final class PayoutTests: XCTestCase {
    func testAPayoutAboveWhatIsLeftIsRefusedAndStoresNothing() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let granted = try await PayoutKit.grantedCase(app, grantedCents: 30_000)
            let browser = try await PayoutKit.treasurer(app)
            try await browser.post(FundHelpPath.adminPayout(.value(granted.id!)).path, PayoutKit.transfer(amount: "200"))

            // MUT
            let response = try await browser.post(FundHelpPath.adminPayout(.value(granted.id!)).path, PayoutKit.transfer(amount: "100,01"))

            // validation
            XCTAssertEqual(response.status, .badRequest)
            XCTAssertTrue(response.body.string.contains("Je kunt hoogstens € 100,00 uitbetalen"), response.body.string)
            let payouts = try await SupportPayout.query(on: app.db).all()
            XCTAssertEqual(payouts.map(\.amountCents), [20_000])
        }
    }

    func testTwoConcurrentPayoutsCannotExceedTheGrant() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let granted = try await PayoutKit.grantedCase(app, grantedCents: 10_000)
            let treasurer = try await app.makeUser(email: "kas@example.nl", roles: [.treasurer])
            let input = CreatePayout.Input(amount: "70", method: "cash")

            // MUT
            async let first = CreatePayout(app: app).run(input, caseID: granted.id!, by: treasurer, language: .nl)
            async let second = CreatePayout(app: app).run(input, caseID: granted.id!, by: treasurer, language: .nl)
            let outcomes = try await [first, second]

            // validation
            XCTAssertEqual(outcomes.filter { if case .paid = $0 { true } else { false } }.count, 1, "\(outcomes)")
            XCTAssertEqual(outcomes.filter { if case .invalid = $0 { true } else { false } }.count, 1, "\(outcomes)")
            let application = try await SupportApplication.find(granted.id!, on: app.db)
            XCTAssertEqual(application?.paidCents, 7_000)
            XCTAssertEqual(application?.status, "granted", "30 euros are still to pay")
            try await PayoutKit.assertBooksClean(app)
        }
    }

    func testCashAndAVoucherAreBookedAtOnceAndCloseTheCase() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let granted = try await PayoutKit.grantedCase(app, grantedCents: 15_000, email: "amal@example.nl")
            let browser = try await PayoutKit.treasurer(app)
            let path = FundHelpPath.adminPayout(.value(granted.id!)).path

            // MUT
            let cash = try await browser.post(path, ["amount": "50", "method": "cash"])
            let voucher = try await browser.post(path, ["amount": "100", "method": "voucher"])

            // validation
            XCTAssertEqual(cash.status, .seeOther)
            XCTAssertEqual(voucher.status, .seeOther)
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.cash], -5_000)
            XCTAssertEqual(balances[.bank], -10_000, "a voucher is bought from the bank account")
            XCTAssertEqual(balances[.grantsPayable] ?? 0, 0)
            let application = try await SupportApplication.find(granted.id!, on: app.db)
            XCTAssertEqual(application?.status, "paid")
            XCTAssertNotNil(application?.closedAt)
            let payouts = try await SupportPayout.query(on: app.db).all()
            XCTAssertEqual(Set(payouts.map(\.state)), ["paid"])
            let told = try await PayoutKit.mails(to: "amal@example.nl", app)
            XCTAssertEqual(told, 2, "the applicant hears there is news, once per payout")
            let list = try await browser.get(FundHelpPath.payouts.path)
            XCTAssertEqual(list.status, .ok)
            XCTAssertTrue(list.body.string.contains(granted.number))
            try await PayoutKit.assertBooksClean(app)
        }
    }

    func testBadInputIsRefusedWithAMessagePerField() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let granted = try await PayoutKit.grantedCase(app, grantedCents: 10_000)
            let browser = try await PayoutKit.treasurer(app)
            let path = FundHelpPath.adminPayout(.value(granted.id!)).path

            // MUT
            let badIBAN = try await browser.post(path, PayoutKit.transfer(amount: "10", iban: "NL91ABNA0417164301"))
            let emptyName = try await browser.post(path, PayoutKit.transfer(amount: "10", name: "  "))
            let zero = try await browser.post(path, PayoutKit.transfer(amount: "0"))
            let arabicName = try await browser.post(path, PayoutKit.transfer(amount: "10", name: "أمل"))
            let billWithoutReference = try await browser.post(path, PayoutKit.transfer(amount: "10", payee: "creditor"))

            // validation
            for (response, message) in [
                (badIBAN, "Vul een geldig IBAN in"), (emptyName, "Vul dit veld in"), (zero, "groter is dan 0"),
                (arabicName, "Gebruik alleen letters"), (billWithoutReference, "Vul dit veld in"),
            ] {
                XCTAssertEqual(response.status, .badRequest)
                XCTAssertTrue(response.body.string.contains(message), "\(message): \(response.body.string.prefix(3000))")
                XCTAssertTrue(response.body.string.contains("<title>Fout:"))
            }
            let payouts = try await SupportPayout.query(on: app.db).count()
            XCTAssertEqual(payouts, 0)
        }
    }

    func testACaseNotGrantedCannotBePaidAndOthersAreRefused() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup
            let open = try await PayoutKit.grantedCase(app, grantedCents: 10_000, status: .received)
            let browser = try await PayoutKit.treasurer(app)
            let resident = Browser(app)
            _ = try await app.makeUser(email: "bewoner@example.nl")
            try await resident.logIn("bewoner@example.nl")

            // MUT
            let refused = try await browser.post(FundHelpPath.adminPayout(.value(open.id!)).path, ["amount": "10", "method": "cash"])
            let stranger = try await resident.get(FundHelpPath.payouts.path)

            // validation
            XCTAssertEqual(refused.status, .conflict)
            XCTAssertEqual(stranger.status, .forbidden)
            let payouts = try await SupportPayout.query(on: app.db).count()
            XCTAssertEqual(payouts, 0)
        }
    }
}

/// A granted case made directly (the committee's flow is tested elsewhere), a treasurer, the checks.
enum PayoutKit {
    static func grantedCase(
        _ app: Application, grantedCents: Int64, email: String? = nil, iban: String? = "NL02ABNA0123456789",
        status: SupportApplication.Status = .granted, number: String = "FH-\(Int.random(in: 100_000...999_999))"
    ) async throws -> SupportApplication {
        let sealer = app.fundSealer
        let token = SecureToken.make()
        let details = ApplicantDetails(
            email: email, purpose: "Huur van juni", noProvision: "Geen uitkering", contactBy: email == nil ? "phone" : "email", iban: iban,
            accountHolder: "Amal Özdemir-Ħaddad")
        let application = SupportApplication()
        application.number = number
        application.statusTokenHash = SecureToken.hash(token)
        application.statusTokenSealed = try sealer.seal(token, context: ApplicantVault.Context.statusToken)
        application.status = status.rawValue
        application.category = "shelter"
        application.urgency = "week"
        application.requestedCents = grantedCents
        application.grantedCents = status == .granted ? grantedCents : nil
        application.paidCents = 0
        application.language = "nl"
        application.channel = "applicant"
        application.nameSealed = try sealer.seal("Amal Özdemir", context: ApplicantVault.Context.name)
        application.detailsSealed = try sealer.seal(
            String(decoding: try JSONEncoder().encode(details), as: UTF8.self), context: ApplicantVault.Context.details)
        application.createdAt = Date()
        application.decidedAt = status == .granted ? Date() : nil
        application.revision = 1
        try await app.db.writeTransaction { db in
            try await application.create(on: db)
            guard status == .granted else { return }
            try await Ledger.post(
                Ledger.Entry(
                    kind: "grant", cause: .init("support_application", application.id!.uuidString), bookedAt: Date(),
                    lines: [.debit(.payouts("shelter"), grantedCents), .credit(.grantsPayable, grantedCents)]), on: db)
        }
        return application
    }

    static func treasurer(_ app: Application, email: String = "penningmeester@example.nl") async throws -> Browser {
        _ = try await app.makeUser(email: email, roles: [.treasurer])
        let browser = Browser(app)
        try await browser.logIn(email)
        return browser
    }

    static func transfer(
        amount: String, payee: String = "applicant", name: String = "Amal Özdemir", iban: String = "NL02 ABNA 0123 4567 89",
        remittance: String = ""
    ) -> [String: String] {
        ["amount": amount, "method": "transfer", "payee": payee, "name": name, "iban": iban, "remittance": remittance]
    }

    /// Mail in the outbox to `address` (an applicant's address is stored sealed).
    static func mails(to address: String, _ app: Application) async throws -> Int {
        try await OutboxMessage.query(on: app.db).all().filter { try app.mailer.recipient(of: $0) == address }.count
    }

    static func assertBooksClean(_ app: Application, file: StaticString = #filePath, line: UInt = #line) async throws {
        let problems = try await FundFeature().verify(app: app) + PayoutVerify.problems(on: app.db)
        XCTAssertEqual(problems, [], file: file, line: line)
    }
}
