import FakeMollie
import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// A fund app talking to a local fake Mollie, and the donor's side of a Mollie gift as the
/// giving form does it: the gift (and a monthly gift's `RecurringGift`), then `provider.start`.
struct MollieKit {
    let app: Application
    let mollie: FakeMollie

    static func with(_ body: (MollieKit) async throws -> Void) async throws {
        let mollie = try await FakeMollie.start()
        do {
            try await withApp(features: [FundFeature()]) { app in
                var settings = app.fundSettings
                settings.mollieAPIKey = mollie.apiKey
                settings.mollieAPIURL = mollie.url
                app.fundSettings = settings
                app.paymentProviders = [MolliePaymentProvider(), BankTransferProvider()]
                try await body(MollieKit(app: app, mollie: mollie))
            }
        } catch {
            await mollie.stop()
            throw error
        }
        await mollie.stop()
    }

    /// A donor asks to give `cents` through Mollie; returns the gift and Mollie's payment id.
    func askForGift(
        cents: Int64 = 2500, monthly: Bool = false, email: String = "donor@example.nl", language: Language = .nl,
        campaign: UUID? = nil
    ) async throws -> (gift: Gift, paymentID: String) {
        let gift = Gift(
            amountCents: cents, frequency: monthly ? .monthly : .once, method: .mollie, source: .private, language: language,
            wall: .firstName, now: Date())
        gift.donorName = "Fatima El Amrani"
        gift.donorEmail = email
        gift.campaignID = campaign
        if monthly {
            let recurring = RecurringGift()
            recurring.id = UUID()
            recurring.createdAt = Date()
            recurring.status = RecurringGift.Status.pending.rawValue
            recurring.amountCents = cents
            recurring.donorName = gift.donorName
            recurring.donorEmail = email
            recurring.language = language.rawValue
            recurring.wall = gift.wall
            recurring.source = gift.source
            try await recurring.create(on: app.db)
            gift.recurringID = recurring.id
        }
        try await gift.create(on: app.db)
        let order = PaymentOrder(
            giftID: gift.id!, amountCents: cents, monthly: monthly, description: "Gift", donorName: gift.donorName,
            donorEmail: email, language: language, returnURL: "http://kracht.test/fonds/bedankt/x")
        guard case .redirect(_, let paymentID, let customerID) = try await MolliePaymentProvider().start(order, gift: gift, app: app) else {
            XCTFail("Mollie did not start a payment")
            throw Abort(.internalServerError)
        }
        gift.providerPaymentID = paymentID
        try await gift.save(on: app.db)
        if let customerID, let recurringID = gift.recurringID, let recurring = try await RecurringGift.find(recurringID, on: app.db) {
            recurring.customerID = customerID
            try await recurring.save(on: app.db)
        }
        return (gift, paymentID)
    }

    /// Mollie calls the webhook (a form post without cookie or form token).
    @discardableResult
    func webhook(_ id: String) async throws -> HTTPStatus {
        try await app.sendRequest(
            .POST, FundPath.mollieWebhook.path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "id=\(id)")
        ).status
    }

    func postings(kind: String = "gift") async throws -> Int {
        try await app.db.sql.raw("SELECT COUNT(*) AS n FROM fund_ledger_entries WHERE kind = \(bind: kind)").first()!
            .decode(column: "n", as: Int.self)
    }

    func outbox(subject: String) async throws -> Int {
        try await OutboxMessage.query(on: app.db).filter(\.$subject == subject).count()
    }

    func gift(_ id: UUID) async throws -> Gift { try await Gift.find(id, on: app.db)! }

    func assertLedgerBalances(file: StaticString = #filePath, line: UInt = #line) async throws {
        let problems = try await FundFeature().verify(app: app)
        XCTAssertEqual(problems, [], file: file, line: line)
    }
}
