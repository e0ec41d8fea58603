import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// Mollie's webhook said "something changed about payment `id`": fetch the payment from Mollie
/// and apply its status to our gift, once, however often, late or out of order the hint comes.
/// Paid goes through `PayGift` (one posting per payment, guarded by the ledger's unique cause);
/// failed, expired and canceled close an open gift; an id Mollie does not know changes nothing.
/// A paid first payment of a monthly gift then starts its subscription.
public struct ApplyMolliePayment: Sendable {
    public enum Outcome: Sendable, Equatable {
        case paid
        /// The gift already shows what Mollie says (a repeated webhook).
        case alreadyApplied
        /// An open gift closed: failed, expired or canceled.
        case closed(Gift.Status)
        /// Not (yet) anything to do: still open, or not a payment of ours.
        case ignored
        /// Mollie does not know the id (or it is not an id): answered 200 all the same.
        case unknown
    }

    let app: Application

    public init(app: Application) { self.app = app }

    /// Throws `MollieError` when Mollie could not be asked (the webhook then answers 503).
    public func run(paymentID id: String) async throws -> Outcome {
        // Without Mollie configured no payment can be ours: nothing to ask, nothing to retry.
        guard Self.looksLikePaymentID(id), app.fundSettings.mollieAPIKey != nil else { return .unknown }
        let payment: MollieClient.Payment
        do {
            payment = try await MollieClient(app: app).payment(id)
        } catch MollieError.notFound {
            return .unknown
        }
        let applied = try await alreadyApplied(payment)
        if applied == .done { return .alreadyApplied }
        let outcome = applied == .reversalsToCheck ? .alreadyApplied : try await app.molliePayments.submit(payment)
        if payment.status == "paid", payment.sequenceType == "first" {
            try await StartMonthlySubscription(app: app).run(firstPayment: payment)
        }
        try await BookMollieReversals(app: app).run(payment)
        return outcome
    }

    static func looksLikePaymentID(_ id: String) -> Bool {
        id.hasPrefix("tr_") && (4...64).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    private enum Applied { case no, reversalsToCheck, done }

    /// The cheap path for repeated webhooks: one narrow read (no model, no write transaction).
    private func alreadyApplied(_ payment: MollieClient.Payment) async throws -> Applied {
        guard
            let row = try await app.db.sql.raw(
                """
                SELECT g.status AS status, g.refunded_cents AS refunded, r.status AS recurring FROM fund_gifts g
                LEFT JOIN fund_recurring r ON r.id = g.recurring_id WHERE g.provider_payment_id = \(bind: payment.id)
                """
            ).first()
        else { return .no }
        let status = try row.decode(column: "status", as: String.self)
        switch payment.status {
        case "paid":
            guard status == Gift.Status.paid.rawValue || status == Gift.Status.refunded.rawValue else { return .no }
            // A first payment whose subscription is not made yet (or failed before) still has work to do.
            if payment.sequenceType == "first",
                let recurring = try row.decode(column: "recurring", as: String?.self),
                [RecurringGift.Status.pending.rawValue, RecurringGift.Status.failed.rawValue].contains(recurring)
            {
                return .no
            }
            // Refunded or charged back in Mollie by more than we booked: list and book the rest.
            return payment.reversedCents > (try row.decode(column: "refunded", as: Int64.self)) ? .reversalsToCheck : .done
        case "failed", "expired", "canceled": return status != Gift.Status.open.rawValue ? .done : .no
        default: return status == Gift.Status.open.rawValue ? .done : .no
        }
    }

    /// One payment in a transaction of its own (when a batch failed), retried on a conflict.
    func applyAlone(_ payment: MollieClient.Payment) async throws -> Outcome {
        let outcome = try await retryingConflicts { try await app.db.writeTransaction { db in try await apply(payment, on: db) } }
        if outcome == .paid { FundTotals.changed(app) }
        return outcome
    }

    /// Inside a write transaction (`MolliePaymentBatcher` batches them).
    func apply(_ payment: MollieClient.Payment, on db: any Database) async throws -> Outcome {
        guard let gift = try await findGift(for: payment, on: db) else { return .ignored }
        guard let cents = payment.amount.cents, cents > 0, gift.method == Gift.Method.mollie.rawValue else {
            app.logger.error("mollie: payment does not match its gift", metadata: ["payment": .string(payment.id)])
            return .ignored
        }
        switch payment.status {
        case "paid":
            // Changed in Mollie's dashboard (or by hand): what Mollie collected is what the gift is.
            if cents != gift.amountCents, !gift.isPaid {
                app.logger.warning(
                    "mollie: payment amount differs from its gift; booking what was paid",
                    metadata: ["payment": .string(payment.id), "gift_cents": "\(gift.amountCents)", "paid_cents": "\(cents)"])
                gift.amountCents = cents
            }
            var mail: [String: String] = [:]
            if let recurringID = gift.recurringID, let recurring = try await RecurringGift.locked("id", recurringID, on: db) {
                if recurring.stopTokenHash == nil {
                    recurring.stopTokenHash = MonthlyStopLink.hash(for: recurringID, app: app)
                    try await recurring.save(on: db)
                }
                if recurring.recurringStatus != .stopped { mail["stopLink"] = MonthlyStopLink.url(for: recurring, app: app) }
            }
            let receipt = PayGift.Receipt(
                account: .mollie, cause: Ledger.Cause("mollie_payment", payment.id), paidAt: payment.paidDate ?? app.clock.now(),
                // Mollie invoices its fees separately: the full amount reaches our Mollie balance.
                feeCents: 0, mailContext: mail)
            return try await PayGift(app: app).run(gift, receipt: receipt, on: db) == .paid ? .paid : .alreadyApplied
        case "failed", "expired", "canceled":
            guard gift.giftStatus == .open, let status = Gift.Status(rawValue: payment.status) else { return .alreadyApplied }
            gift.status = status.rawValue
            try await gift.save(on: db)
            if payment.sequenceType == "first", let id = gift.recurringID, let recurring = try await RecurringGift.locked("id", id, on: db),
                recurring.recurringStatus == .pending
            {
                recurring.status = RecurringGift.Status.failed.rawValue
                try await recurring.save(on: db)
            }
            return .closed(status)
        default:
            return .ignored
        }
    }

    /// By Mollie's id; else by the gift id in its metadata (the webhook can beat the form's save
    /// of the id); else, for a month of a subscription of ours, a new gift for that month.
    private func findGift(for payment: MollieClient.Payment, on db: any Database) async throws -> Gift? {
        if let gift = try await Gift.locked("provider_payment_id", payment.id, on: db) { return gift }
        if let giftID = payment.metadata?["gift"].flatMap(UUID.init(uuidString:)) {
            guard let gift = try await Gift.locked("id", giftID, on: db), gift.providerPaymentID == nil else { return nil }
            gift.providerPaymentID = payment.id
            try await gift.save(on: db)
            return gift
        }
        guard payment.status == "paid", let subscriptionID = payment.subscriptionId, let cents = payment.amount.cents,
            let recurring = try await RecurringGift.locked("subscription_id", subscriptionID, on: db), let recurringID = recurring.id
        else { return nil }
        guard recurring.recurringStatus != .stopped else {
            // Its cancel did not reach Mollie (yet): try again; the month is not a gift of ours.
            app.logger.error(
                "mollie: a payment for a stopped monthly gift; cancelling its subscription again",
                metadata: ["payment": .string(payment.id), "recurring": .string(recurringID.uuidString)])
            try await CancelSubscriptionJob.enqueue(recurringID, key: "fund-cancel-\(recurringID)-\(payment.id)", app: app, on: db)
            return nil
        }
        if cents != recurring.amountCents {
            app.logger.warning(
                "mollie: a monthly payment differs from its gift; booking what was paid",
                metadata: ["payment": .string(payment.id), "gift_cents": "\(recurring.amountCents)", "paid_cents": "\(cents)"])
        }
        let gift = Gift(amountCents: cents, frequency: .monthly, method: .mollie, source: .private, language: .nl, now: app.clock.now())
        gift.copyDonor(from: recurring)
        gift.recurringID = recurringID
        gift.providerPaymentID = payment.id
        try await gift.create(on: db)
        return gift
    }

    /// Two webhooks for a new month's payment can both insert its gift on PostgreSQL; the
    /// loser's unique violation is retried and then finds the winner's gift.
    private func retryingConflicts<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        for _ in 0..<3 {
            do { return try await body() } catch let error as any DatabaseError where error.isConstraintFailure { continue }
        }
        return try await body()
    }
}
