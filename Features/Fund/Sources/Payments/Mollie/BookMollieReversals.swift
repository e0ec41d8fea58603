import Fluent
import Foundation
import KrachtCore
import Vapor

/// Mollie keeps a refunded or charged-back payment `paid` and calls the same webhook: when the
/// payment says money went back, list its refunds and chargebacks and book each one once through
/// `RefundGift.record` — whether the treasurer made it here (then it is booked already), in
/// Mollie's dashboard, or here but the booking was lost after Mollie said yes.
struct BookMollieReversals: Sendable {
    /// What a reversal made outside this app is recorded with (no treasurer, no reason given).
    static let refundReason = "via Mollie"
    static let chargebackReason = "chargeback via Mollie"

    let app: Application

    /// Called after the payment itself is applied, outside any transaction (Mollie is asked first).
    /// Returns how many reversals were booked now.
    @discardableResult
    func run(_ payment: MollieClient.Payment) async throws -> Int {
        guard payment.status == "paid", payment.reversedCents > 0 else { return 0 }
        let client = MollieClient(app: app)
        let refunds = (payment.amountRefunded?.cents ?? 0) > 0 ? try await client.refunds(of: payment.id) : []
        let chargebacks = (payment.amountChargedBack?.cents ?? 0) > 0 ? try await client.chargebacks(of: payment.id) : []
        let booked = try await app.db.writeTransaction { db -> Int in
            guard let gift = try await Gift.query(on: db).filter(\.$providerPaymentID == payment.id).first(), let giftID = gift.id else {
                return 0
            }
            let command = RefundGift(app: app)
            var booked = 0
            // A refund that failed or was canceled gave nothing back.
            for refund in refunds where !["failed", "canceled"].contains(refund.status) {
                guard let cents = refund.amount.cents else { continue }
                if try await command.record(
                    .refund, id: refund.id, cents: cents, reason: Self.refundReason, of: giftID, actorID: nil, on: db)
                {
                    booked += 1
                }
            }
            for chargeback in chargebacks {
                guard let cents = chargeback.amount.cents else { continue }
                if try await command.record(
                    .chargeback, id: chargeback.id, cents: cents, reason: Self.chargebackReason, of: giftID, actorID: nil, on: db)
                {
                    booked += 1
                }
            }
            return booked
        }
        if booked > 0 {
            app.logger.notice("mollie: booked refunds or chargebacks", metadata: ["payment": .string(payment.id), "count": "\(booked)"])
            FundTotals.changed(app)
        }
        return booked
    }
}
