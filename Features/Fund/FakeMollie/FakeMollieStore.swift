import Foundation
import Vapor

/// Mollie's money: a currency and a decimal string with exactly two decimals ("10.00").
struct MollieAmount: Content, Equatable {
    var currency: String
    var value: String

    init(cents: Int64) {
        currency = "EUR"
        // Chargebacks settle a negative amount: "-10.50", never "-10.0-50".
        let magnitude = cents.magnitude
        value = (cents < 0 ? "-" : "") + "\(magnitude / 100)." + (magnitude % 100 < 10 ? "0" : "") + "\(magnitude % 100)"
    }

    /// The cents of a valid EUR amount; nil for anything Mollie would refuse.
    var cents: Int64? {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard currency == "EUR", parts.count == 2, parts[1].count == 2, !parts[0].isEmpty, parts[0].count <= 9,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) }), let euros = Int64(parts[0]), let cents = Int64(parts[1]),
            euros >= 0, cents >= 0
        else { return nil }
        return euros * 100 + cents
    }
}

public struct FakePayment: Sendable {
    public internal(set) var id: String
    public internal(set) var amountCents: Int64
    public internal(set) var description: String
    public internal(set) var redirectUrl: String?
    public internal(set) var webhookUrl: String?
    public internal(set) var locale: String?
    public internal(set) var metadata: [String: String]?
    public internal(set) var status = "open"
    public internal(set) var sequenceType = "oneoff"
    public internal(set) var customerId: String?
    public internal(set) var mandateId: String?
    public internal(set) var subscriptionId: String?
    public internal(set) var createdAt = Date()
    public internal(set) var paidAt: Date?
    public internal(set) var refundedCents: Int64 = 0
    public internal(set) var chargedBackCents: Int64 = 0
}

struct FakeRefund: Sendable {
    var id: String
    var paymentId: String
    var amountCents: Int64
    var description: String
    var createdAt = Date()
}

/// The donor's bank took a paid payment back (SEPA direct debits can be, for weeks).
struct FakeChargeback: Sendable {
    var id: String
    var paymentId: String
    var amountCents: Int64
    var createdAt = Date()
}

struct FakeCustomer: Sendable {
    var id: String
    var name: String?
    var email: String?
    var mandates: [String] = []
}

public struct FakeSubscription: Sendable {
    public internal(set) var id: String
    public internal(set) var customerId: String
    public internal(set) var amountCents: Int64
    public internal(set) var interval: String
    public internal(set) var startDate: String
    public internal(set) var description: String
    public internal(set) var webhookUrl: String?
    public internal(set) var metadata: [String: String]?
    public internal(set) var status = "active"
    public internal(set) var timesCharged = 0
}

/// Everything the fake knows, behind an actor: requests arrive on many event loops at once.
actor FakeMollieStore {
    var payments: [String: FakePayment] = [:]
    var refunds: [String: FakeRefund] = [:]
    var chargebacks: [String: FakeChargeback] = [:]
    var customers: [String: FakeCustomer] = [:]
    var subscriptions: [String: FakeSubscription] = [:]
    /// Idempotency-Key → the id of the resource the first request made.
    var idempotent: [String: String] = [:]
    /// Answer the next `count` API requests with this status (Mollie having a bad day).
    var failures: (status: Int, count: Int)?
    var webhookCalls = 0
    /// Runs once while the next subscription is being made (a test's "meanwhile").
    var subscriptionHook: (@Sendable () async throws -> Void)?
    private var counter = 0

    func newID(_ prefix: String) -> String {
        counter += 1
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        return prefix + "_" + String((0..<6).map { _ in alphabet.randomElement()! }) + String(counter, radix: 36)
    }

    func takeFailure() -> Int? {
        guard let failure = failures, failure.count > 0 else { return nil }
        failures = failure.count > 1 ? (failure.status, failure.count - 1) : nil
        return failure.status
    }

    func failNext(status: Int, count: Int) { failures = (status, count) }
    func countWebhookCall() { webhookCalls += 1 }
    func setSubscriptionHook(_ hook: (@Sendable () async throws -> Void)?) { subscriptionHook = hook }
    func takeSubscriptionHook() -> (@Sendable () async throws -> Void)? {
        defer { subscriptionHook = nil }
        return subscriptionHook
    }

    /// A resource made before under this key, or nil (then `remember` the new one).
    func existing(_ key: String?) -> String? { key.flatMap { idempotent[$0] } }
    func remember(_ key: String?, _ id: String) { if let key { idempotent[key] = id } }

    func insert(_ payment: FakePayment) { payments[payment.id] = payment }
    func insert(_ customer: FakeCustomer) { customers[customer.id] = customer }
    func insert(_ subscription: FakeSubscription) { subscriptions[subscription.id] = subscription }

    /// Moves a payment to `status` as Mollie would; a paid first payment gives its customer a
    /// valid mandate. Nil when there is no such payment or the move is not one Mollie makes.
    func transition(_ id: String, to status: String) -> FakePayment? {
        guard var payment = payments[id] else { return nil }
        let final = ["paid", "failed", "expired", "canceled"]
        guard ["open", "pending", "authorized"].contains(payment.status), final.contains(status) || status == "pending" else {
            return payment.status == status ? payment : nil
        }
        payment.status = status
        if status == "paid" {
            payment.paidAt = Date()
            if payment.sequenceType == "first", let customerID = payment.customerId, payment.mandateId == nil {
                let mandate = newID("mdt")
                customers[customerID]?.mandates.append(mandate)
                payment.mandateId = mandate
            }
        }
        payments[id] = payment
        return payment
    }

    /// Next month's charge of a subscription: a recurring payment on its mandate.
    func charge(_ subscriptionID: String, status: String) -> FakePayment? {
        guard var subscription = subscriptions[subscriptionID], subscription.status == "active",
            let mandate = customers[subscription.customerId]?.mandates.last
        else { return nil }
        subscription.timesCharged += 1
        subscriptions[subscriptionID] = subscription
        let payment = FakePayment(
            id: newID("tr"), amountCents: subscription.amountCents,
            description: "\(subscription.description) (\(subscription.timesCharged))", webhookUrl: subscription.webhookUrl,
            metadata: subscription.metadata, status: "pending", sequenceType: "recurring", customerId: subscription.customerId,
            mandateId: mandate, subscriptionId: subscriptionID)
        payments[payment.id] = payment
        return transition(payment.id, to: status)
    }

    /// A refund of a paid payment, of at most what remains; a message for what Mollie refuses.
    func refund(_ paymentID: String, cents: Int64, description: String) -> Result<FakeRefund, RefundRefusal> {
        guard var payment = payments[paymentID] else { return .failure(.notFound) }
        guard payment.status == "paid" else { return .failure(.notPaid) }
        guard cents <= payment.amountCents - payment.refundedCents - payment.chargedBackCents else { return .failure(.tooMuch) }
        payment.refundedCents += cents
        payments[paymentID] = payment
        let refund = FakeRefund(id: newID("re"), paymentId: paymentID, amountCents: cents, description: description)
        refunds[refund.id] = refund
        return .success(refund)
    }

    /// A chargeback of (part of) a paid payment; the payment stays `paid`, as at Mollie.
    func chargeback(_ paymentID: String, cents: Int64?) -> FakeChargeback? {
        guard var payment = payments[paymentID], payment.status == "paid" else { return nil }
        let amount = cents ?? payment.amountCents - payment.refundedCents - payment.chargedBackCents
        guard amount >= 1, amount <= payment.amountCents - payment.refundedCents - payment.chargedBackCents else { return nil }
        payment.chargedBackCents += amount
        payments[paymentID] = payment
        let chargeback = FakeChargeback(id: newID("chb"), paymentId: paymentID, amountCents: amount)
        chargebacks[chargeback.id] = chargeback
        return chargeback
    }

    /// A subscription's amount changed (in Mollie's dashboard): next months charge this.
    func update(subscription id: String, cents: Int64) -> Bool {
        guard subscriptions[id] != nil else { return false }
        subscriptions[id]?.amountCents = cents
        return true
    }

    func cancel(subscription id: String, of customerID: String) -> FakeSubscription? {
        guard var subscription = subscriptions[id], subscription.customerId == customerID, subscription.status == "active" else {
            return nil
        }
        subscription.status = "canceled"
        subscriptions[id] = subscription
        return subscription
    }

    enum RefundRefusal: Error { case notFound, notPaid, tooMuch }
}
