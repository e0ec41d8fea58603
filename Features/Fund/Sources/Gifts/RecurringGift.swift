import Fluent
import Foundation
import KrachtCore

/// A monthly gift: a Mollie customer with a SEPA mandate and a subscription. Its first payment
/// (which creates the mandate) and each later month are `Gift` rows pointing here.
public final class RecurringGift: Model, @unchecked Sendable {
    public static let schema = "fund_recurring"

    public enum Status: String, Codable, Sendable {
        /// Waiting for the first payment, which gives the mandate.
        case pending
        case active, stopped
        /// The first payment failed or the mandate was refused.
        case failed
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "stopped_at") public var stoppedAt: Date?
    @Field(key: "status") public var status: String
    @Field(key: "amount_cents") public var amountCents: Int64
    @OptionalField(key: "donor_name") public var donorName: String?
    @OptionalField(key: "donor_email") public var donorEmail: String?
    @OptionalField(key: "organisation") public var organisation: String?
    @OptionalField(key: "user_id") public var userID: UUID?
    @Field(key: "language") public var language: String
    @Field(key: "wall") public var wall: String
    @Field(key: "source") public var source: String
    @OptionalField(key: "campaign_id") public var campaignID: UUID?
    @OptionalField(key: "customer_id") public var customerID: String?
    @OptionalField(key: "mandate_id") public var mandateID: String?
    @OptionalField(key: "subscription_id") public var subscriptionID: String?
    /// The hash of the secret in the "stop this monthly gift" link in its mails.
    @OptionalField(key: "stop_token_hash") public var stopTokenHash: String?

    public init() {}

    public var recurringStatus: Status { Status(rawValue: status) ?? .pending }

    /// The monthly gift without the person (erasure, end of retention).
    public func forgetDonor() { forgetPerson() }
}
