import FakeMollie
import Fluent
import Fund
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// A monthly gift: a first payment that gives the SEPA mandate, Mollie's subscription for the
/// months after, each month's payment posted once, and stopping it — signed in or by the link.
final class MonthlyGiftTests: XCTestCase {
    func testAMonthlyGiftGetsItsMandateSubscriptionAndLaterMonthsPosted() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, firstID) = try await kit.askForGift(cents: 1000, monthly: true)
            let first = await kit.mollie.payment(firstID)
            XCTAssertEqual(first?.sequenceType, "first")
            XCTAssertNotNil(first?.customerId)

            // MUT: the first payment is paid
            try await kit.mollie.setStatus(firstID, "paid")
            try await kit.webhook(firstID)
            try await kit.webhook(firstID)

            // validation: a mandate, one subscription, the gift active
            let mandates = await kit.mollie.mandates(of: first!.customerId!)
            XCTAssertEqual(mandates.count, 1)
            let subscriptions = await kit.mollie.subscriptions()
            XCTAssertEqual(subscriptions.count, 1)
            XCTAssertEqual(subscriptions.first?.interval, "1 month")
            XCTAssertEqual(subscriptions.first?.webhookUrl, "http://kracht.test/fonds/mollie/webhook")
            let recurring = try await RecurringGift.find(gift.recurringID!, on: kit.app.db)!
            XCTAssertEqual(recurring.recurringStatus, .active)
            XCTAssertEqual(recurring.subscriptionID, subscriptions.first?.id)
            XCTAssertNotNil(recurring.stopTokenHash)

            // MUT: next month, twice the hint, concurrently
            let nextID = try await kit.mollie.charge(subscription: recurring.subscriptionID!)!
            async let a = kit.webhook(nextID)
            async let b = kit.webhook(nextID)
            _ = try await (a, b)

            // validation
            let gifts = try await Gift.query(on: kit.app.db).filter(\.$recurringID == recurring.id!).all()
            XCTAssertEqual(gifts.count, 2)
            XCTAssertEqual(gifts.filter { $0.giftStatus == .paid }.count, 2)
            let postings = try await kit.postings()
            XCTAssertEqual(postings, 2)
            let donors = try await FundTotals.value(.donors, on: kit.app.db)
            XCTAssertEqual(donors, 1)
            try await kit.assertLedgerBalances()
        }
    }

    func testAFailedFirstPaymentLeavesNoSubscription() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, firstID) = try await kit.askForGift(monthly: true)

            // MUT
            try await kit.mollie.setStatus(firstID, "failed")
            try await kit.webhook(firstID)

            // validation
            let recurring = try await RecurringGift.find(gift.recurringID!, on: kit.app.db)!
            XCTAssertEqual(recurring.recurringStatus, .failed)
            let subscriptions = await kit.mollie.subscriptions()
            XCTAssertEqual(subscriptions.count, 0)
        }
    }

    func testTheLinkInTheMailStopsTheGiftOnceAndSaysSoTheSecondTime() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, firstID) = try await kit.askForGift(monthly: true)
            try await kit.mollie.setStatus(firstID, "paid")
            try await kit.webhook(firstID)
            let link = try await stopLink(in: kit)
            let browser = Browser(kit.app)

            // MUT
            let confirm = try await browser.get(link)
            let stopped = try await browser.post(link)
            let again = try await browser.post(link)

            // validation
            XCTAssertEqual(confirm.status, .ok)
            XCTAssertTrue(confirm.body.string.contains("Stop mijn maandgift"))
            XCTAssertEqual(stopped.status, .ok)
            XCTAssertTrue(stopped.body.string.contains("Je maandgift is gestopt"))
            XCTAssertTrue(again.body.string.contains("Deze maandgift was al gestopt"))
            let recurring = try await RecurringGift.find(gift.recurringID!, on: kit.app.db)!
            XCTAssertEqual(recurring.recurringStatus, .stopped)
            let subscription = await kit.mollie.subscription(recurring.subscriptionID!)
            XCTAssertEqual(subscription?.status, "canceled")
            let mails = try await kit.outbox(subject: "Je maandgift aan het Solidariteitsfonds is gestopt")
            XCTAssertEqual(mails, 1)
            let wrong = try await browser.get(FundPath.stopMonthlyByLink(.value("i1.0000000000000000")).path)
            XCTAssertEqual(wrong.status, .notFound)
        }
    }

    func testTheOwnerStopsTheirOwnMonthlyGiftAndNoOneElses() async throws {
        try await MollieKit.with { kit in
            // setup
            let owner = try await kit.app.makeUser(email: "donor@example.nl")
            let (gift, firstID) = try await kit.askForGift(monthly: true)
            let recurring = try await RecurringGift.find(gift.recurringID!, on: kit.app.db)!
            recurring.userID = owner.id
            try await recurring.save(on: kit.app.db)
            try await kit.mollie.setStatus(firstID, "paid")
            try await kit.webhook(firstID)
            _ = try await kit.app.makeUser(name: "Ander", email: "ander@example.nl")
            let other = Browser(kit.app)
            try await other.logIn("ander@example.nl")
            let path = FundPath.stopMonthly(.value(recurring.id!)).path

            // MUT
            let refused = try await other.post(path)
            let browser = Browser(kit.app)
            try await browser.logIn("donor@example.nl")
            let stopped = try await browser.post(path)

            // validation
            XCTAssertEqual(refused.status, .notFound)
            XCTAssertEqual(stopped.status, .seeOther)
            XCTAssertEqual(stopped.location, FundPath.myGifts.path)
            let after = try await RecurringGift.find(recurring.id!, on: kit.app.db)!
            XCTAssertEqual(after.recurringStatus, .stopped)
        }
    }

    func testStoppingWhileMollieIsDownChangesNothingAndSaysSo() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, firstID) = try await kit.askForGift(monthly: true)
            try await kit.mollie.setStatus(firstID, "paid")
            try await kit.webhook(firstID)
            let link = try await stopLink(in: kit)
            await kit.mollie.failNext(status: 502)

            // MUT
            let refused = try await Browser(kit.app).post(link)

            // validation
            XCTAssertEqual(refused.status, .serviceUnavailable)
            XCTAssertTrue(refused.body.string.contains("Er is niets veranderd"))
            let recurring = try await RecurringGift.find(gift.recurringID!, on: kit.app.db)!
            XCTAssertEqual(recurring.recurringStatus, .active)
            let subscription = await kit.mollie.subscription(recurring.subscriptionID!)
            XCTAssertEqual(subscription?.status, "active")
        }
    }

    /// The stop link from the confirmation mail, as delivered, as a path.
    private func stopLink(in kit: MollieKit) async throws -> String {
        try await kit.app.deliverMail()
        let link = try MailSink.link(app: kit.app, to: "donor@example.nl", containing: "/fonds/maandgift/")
        XCTAssertNotNil(link, "no stop link in the mail")
        return link ?? "/"
    }
}
