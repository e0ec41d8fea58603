import Foundation

/// Mollie's resources as the fund reads and writes them (Mollie's field names).
extension MollieClient {
    /// `{"currency": "EUR", "value": "10.00"}`; the fund only ever deals in euros.
    public struct Amount: Codable, Sendable, Equatable {
        public var currency: String
        public var value: String

        public init(currency: String, value: String) {
            self.currency = currency
            self.value = value
        }

        public init(cents: Int64) {
            currency = "EUR"
            let rest = cents.magnitude % 100
            value = (cents < 0 ? "-" : "") + "\(cents.magnitude / 100)." + (rest < 10 ? "0" : "") + "\(rest)"
        }

        /// Nil for another currency or a value that is not a plain decimal.
        public var cents: Int64? {
            guard currency == "EUR" else { return nil }
            let negative = value.hasPrefix("-")
            let parts = value.dropFirst(negative ? 1 : 0).split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let euros = Int64(parts[0]) else { return nil }
            var fraction = parts.count == 2 ? String(parts[1]) : "00"
            guard fraction.count <= 2, fraction.allSatisfy(\.isASCII) else { return nil }
            if fraction.count == 1 { fraction += "0" }
            guard let cents = Int64(fraction) else { return nil }
            return (euros * 100 + cents) * (negative ? -1 : 1)
        }
    }

    public struct NewPayment: Encodable, Sendable {
        public var amount: Amount
        public var description: String
        public var redirectUrl: String
        public var webhookUrl: String
        public var locale: String
        public var metadata: [String: String]
        public var sequenceType: String?
        public var customerId: String?

        public init(
            amount: Amount, description: String, redirectUrl: String, webhookUrl: String, locale: String,
            metadata: [String: String], sequenceType: String? = nil, customerId: String? = nil
        ) {
            self.amount = amount
            self.description = description
            self.redirectUrl = redirectUrl
            self.webhookUrl = webhookUrl
            self.locale = locale
            self.metadata = metadata
            self.sequenceType = sequenceType
            self.customerId = customerId
        }
    }

    public struct Link: Decodable, Sendable { public var href: String }

    public struct Payment: Decodable, Sendable {
        public var id: String
        /// open, pending, authorized, paid, failed, expired, canceled.
        public var status: String
        public var amount: Amount
        public var settlementAmount: Amount?
        public var amountRefunded: Amount?
        public var amountRemaining: Amount?
        /// Mollie keeps a refunded or charged-back payment `paid`: these say money went back.
        public var amountChargedBack: Amount?
        public var sequenceType: String?
        public var customerId: String?
        public var mandateId: String?
        public var subscriptionId: String?
        public var paidAt: String?
        public var metadata: [String: String]?
        public var _links: [String: Link]?

        public var checkoutURL: String? { _links?["checkout"]?.href }

        enum CodingKeys: String, CodingKey {
            case id, status, amount, settlementAmount, amountRefunded, amountRemaining, amountChargedBack, sequenceType, customerId,
                mandateId
            case subscriptionId, paidAt, metadata, _links
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            status = try c.decode(String.self, forKey: .status)
            amount = try c.decode(Amount.self, forKey: .amount)
            settlementAmount = try c.decodeIfPresent(Amount.self, forKey: .settlementAmount)
            amountRefunded = try c.decodeIfPresent(Amount.self, forKey: .amountRefunded)
            amountRemaining = try c.decodeIfPresent(Amount.self, forKey: .amountRemaining)
            amountChargedBack = try c.decodeIfPresent(Amount.self, forKey: .amountChargedBack)
            sequenceType = try c.decodeIfPresent(String.self, forKey: .sequenceType)
            customerId = try c.decodeIfPresent(String.self, forKey: .customerId)
            mandateId = try c.decodeIfPresent(String.self, forKey: .mandateId)
            subscriptionId = try c.decodeIfPresent(String.self, forKey: .subscriptionId)
            paidAt = try c.decodeIfPresent(String.self, forKey: .paidAt)
            // Metadata is whatever JSON its creator sent; ours is always string to string.
            metadata = try? c.decodeIfPresent([String: String].self, forKey: .metadata)
            _links = try? c.decodeIfPresent([String: Link].self, forKey: ._links)
        }

        /// Refunded plus charged back: when above 0, a paid webhook has refunds or chargebacks to book.
        /// (`settlementAmount` says nothing about Mollie's fee, which Mollie invoices separately.)
        public var reversedCents: Int64 { max(amountRefunded?.cents ?? 0, 0) + max(amountChargedBack?.cents ?? 0, 0) }

        public var paidDate: Date? { paidAt.flatMap { try? Date($0, strategy: .iso8601) } }
    }

    struct NewCustomer: Encodable {
        var name: String?
        var email: String?
        var locale: String
    }

    public struct Customer: Decodable, Sendable { public var id: String }

    public struct NewSubscription: Encodable, Sendable {
        public var amount: Amount
        public var interval: String
        public var startDate: String
        public var description: String
        public var webhookUrl: String
        public var metadata: [String: String]
        public var mandateId: String?
    }

    public struct Subscription: Decodable, Sendable {
        public var id: String
        public var status: String
    }

    struct NewRefund: Encodable {
        var amount: Amount
        var description: String
    }

    public struct Refund: Decodable, Sendable {
        public var id: String
        /// queued, pending, processing, refunded, failed, canceled.
        public var status: String
        public var amount: Amount

        public init(id: String, status: String, amount: Amount) {
            self.id = id
            self.status = status
            self.amount = amount
        }
    }

    /// The donor's bank reversed a payment (`chb_…`).
    public struct Chargeback: Decodable, Sendable {
        public var id: String
        public var amount: Amount
    }

    /// A page of `/payments/{id}/refunds` or `/chargebacks` (`_embedded.refunds` / `.chargebacks`).
    struct ReversalList: Decodable {
        struct Embedded: Decodable {
            var refunds: [Refund]?
            var chargebacks: [Chargeback]?
        }
        var _embedded: Embedded?
    }
}
