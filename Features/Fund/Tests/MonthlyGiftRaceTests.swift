import FakeMollie
import Fluent
import Fund
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTest

/// A monthly gift whose months do not go as planned: an amount changed in Mollie, a first
/// payment reported failed that is paid after all, stopping while its subscription is being
/// made, a month charged after stopping, and stopping by the donor's confirmed address.
final class MonthlyGiftRaceTests: XCTestCase {
    func testAMonthChargedWithAChangedAmountPostsWhatWasPaid() async throws {
        try await MollieKit.with { kit in
            // setup
            let (gift, firstID) = try await kit.askForGift(cents: 1000, monthly: true)
            try await kit.mollie.setStatus(firstID, "paid")
            try await kit.webhook(firstID)
            let recurring = try await RecurringGift.find(gift.recurringID!, on: kit.app.db)!
            await kit.mollie.updateSubscription(recurring.subscriptionID!, cents: 1500)

            // MUT
            let nextID = try await kit.mollie.charge(subscription: recurring.subscriptionID!)!
            try await kit.webhook(nextID)

            // validation: never drop collected money
            let month = try await Gift.query(on: kit.app.db).filter(\.$providerPaymentID == nextID).first()
            XCTAssertEqual(month?.giftStatus, .paid)
            XCTAssertEqual(month?.amountCents, 1500)
            let raised = try await FundTotals.value(.raisedCents, on: kit.app.db)
            XCTAssertEqual(raised, 2500)
            try await kit.assertLedgerBalances()
        }
    }

    func testAFirstPaymentMarkedFailedThatIsPaidAfterAllStartsTheSubscription() async throws {
        try await MollieKit.with { kit in
            // setup: our side has it failed (an earlier report), Mollie now says paid
            let (gift, firstID) = try await kit.askForGift(cents: 1000, monthly: true)
            try await kit.mollie.setStatus(firstID, "paid")
            let failed = try await kit.gift(gift.id!)
            failed.status = Gift.Status.failed.rawValue
            try await failed.save(on: kit.app.db)
            let recurring = try await RecurringGift.find(gift.recurringID!, on: kit.app.db)!
            recurring.status = RecurringGift.Status.failed.rawValue
            try await recurring.save(on: kit.app.db)

            // MUT
            try await kit.webhook(firstID)
            try await kit.webhook(firstID)

            // validation
            let subscriptions = await kit.mollie.subscriptions()
            XCTAssertEqual(subscriptions.count, 1)
            let after = try await RecurringGift.find(recurring.id!, on: kit.app.db)!
            XCTAssertEqual(after.recurringStatus, .active)
            let paid = try await kit.gift(gift.id!)
            XCTAssertEqual(paid.giftStatus, .paid)
            try await kit.assertLedgerBalances()
        }
    }

    func testStoppedWhileTheSubscriptionIsMadeItIsCancelledEvenIfMollieIsDownAtFirst() async throws {
        try await MollieKit.with { kit in
            // setup: the donor stops it while Mollie makes the subscription; the first cancel fails
            let (gift, firstID) = try await kit.askForGift(cents: 1000, monthly: true)
            let app = kit.app, mollie = kit.mollie
            let recurringID = gift.recurringID!
            await kit.mollie.whileMakingNextSubscription {
                // as StopMonthlyGift commits it: no subscription id yet, so nothing to cancel then
                let recurring = try await RecurringGift.find(recurringID, on: app.db)!
                recurring.status = RecurringGift.Status.stopped.rawValue
                try await recurring.save(on: app.db)
                await mollie.failNext(status: 500)
            }
            try await kit.mollie.setStatus(firstID, "paid")

            // MUT
            try await kit.webhook(firstID)
            try await self.runCancelJobs(app)

            // validation
            let subscriptions = await kit.mollie.subscriptions()
            XCTAssertEqual(subscriptions.count, 1)
            XCTAssertEqual(subscriptions.first?.status, "canceled")
            let after = try await RecurringGift.find(recurringID, on: app.db)!
            XCTAssertEqual(after.recurringStatus, .stopped)
            XCTAssertEqual(after.subscriptionID, subscriptions.first?.id)
        }
    }

    func testAMonthChargedAfterStoppingMakesNoGiftAndCancelsAgain() async throws {
        try await MollieKit.with { kit in
            // setup: running, then stopped here while Mollie still charges (its cancel was lost)
            let (gift, firstID) = try await kit.askForGift(cents: 1000, monthly: true)
            try await kit.mollie.setStatus(firstID, "paid")
            try await kit.webhook(firstID)
            let recurring = try await RecurringGift.find(gift.recurringID!, on: kit.app.db)!
            recurring.status = RecurringGift.Status.stopped.rawValue
            try await recurring.save(on: kit.app.db)

            // MUT
            let nextID = try await kit.mollie.charge(subscription: recurring.subscriptionID!)!
            let status = try await kit.webhook(nextID)
            try await self.runCancelJobs(kit.app)

            // validation
            XCTAssertEqual(status, .ok)
            let month = try await Gift.query(on: kit.app.db).filter(\.$providerPaymentID == nextID).count()
            XCTAssertEqual(month, 0)
            let subscription = await kit.mollie.subscription(recurring.subscriptionID!)
            XCTAssertEqual(subscription?.status, "canceled")
            let postings = try await kit.postings()
            XCTAssertEqual(postings, 1)
            try await kit.assertLedgerBalances()
        }
    }

    func testTheOwnerStopsAGiftMadeWithTheirConfirmedAddressWithoutAnAccount() async throws {
        try await MollieKit.with { kit in
            // setup: given signed out with the same address, then an account with it confirmed
            let (gift, firstID) = try await kit.askForGift(monthly: true, email: "donor@example.nl")
            try await kit.mollie.setStatus(firstID, "paid")
            try await kit.webhook(firstID)
            _ = try await kit.app.makeUser(email: "donor@example.nl", confirmed: true)
            let browser = Browser(kit.app)
            try await browser.logIn("donor@example.nl")

            // MUT
            let response = try await browser.post(FundPath.stopMonthly(.value(gift.recurringID!)).path)

            // validation
            XCTAssertEqual(response.status, .seeOther)
            let after = try await RecurringGift.find(gift.recurringID!, on: kit.app.db)!
            XCTAssertEqual(after.recurringStatus, .stopped)
            let subscription = await kit.mollie.subscription(after.subscriptionID!)
            XCTAssertEqual(subscription?.status, "canceled")
        }
    }

    /// The job worker's turn, ignoring its backoff: the cancel jobs run now, failures retried.
    private func runCancelJobs(_ app: Application) async throws {
        for _ in 0..<3 {
            try await app.db.sql.raw("UPDATE jobs SET next_attempt_at = \(bind: Date(timeIntervalSince1970: 0)) WHERE status = 'queued'")
                .run()
            _ = try await JobWorker(app: app).runDue()
        }
    }
}
