import Fluent
import Foundation
import KrachtCore
import SQLKit

/// One gift: asked for through the form (open until paid), recorded by the treasurer (cash, in
/// kind, an unmatched transfer), or one month's payment of a monthly gift. Its money is in the
/// ledger once it is paid; this row is who gave, how, and what they want shown.
public final class Gift: Model, @unchecked Sendable {
    public static let schema = "fund_gifts"

    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Asked for, not (yet) paid: waiting for Mollie or for the transfer.
        case open
        case paid, failed, expired, canceled
        /// Paid back in full (a partial refund keeps `paid` with `refundedCents`).
        case refunded
    }

    public enum Frequency: String, Codable, Sendable { case once, monthly }

    public enum Method: String, Codable, Sendable, CaseIterable {
        /// iDEAL, card or direct debit, through Mollie.
        case mollie
        case transfer, cash
        case inKind = "in_kind"
    }

    /// How the donor wants to appear on the public wall.
    public enum Wall: String, Codable, Sendable, CaseIterable {
        case name
        case firstName = "first_name"
        case anonymous
    }

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "paid_at") public var paidAt: Date?

    // what was given
    @Field(key: "amount_cents") public var amountCents: Int64
    @Field(key: "refunded_cents") public var refundedCents: Int64
    @Field(key: "frequency") public var frequency: String
    @Field(key: "method") public var method: String
    @Field(key: "source") public var source: String
    @OptionalField(key: "campaign_id") public var campaignID: UUID?
    @OptionalField(key: "recurring_id") public var recurringID: UUID?

    // who gave (erased with the person; the ledger keeps only amounts)
    @OptionalField(key: "donor_name") public var donorName: String?
    @OptionalField(key: "donor_email") public var donorEmail: String?
    @OptionalField(key: "organisation") public var organisation: String?
    @OptionalField(key: "user_id") public var userID: UUID?
    /// A keyed hash of the address (or bank account): one donor counts once.
    @OptionalField(key: "donor_key") public var donorKey: String?
    @Field(key: "language") public var language: String
    @Field(key: "wall") public var wall: String
    @OptionalField(key: "message") public var message: String?

    // how it is paid
    @Field(key: "status") public var status: String
    /// The structured payment reference (`RF…`) of a gift by bank transfer.
    @OptionalField(key: "reference") public var reference: String?
    /// Mollie's payment id (`tr_…`).
    @OptionalField(key: "provider_payment_id") public var providerPaymentID: String?
    /// Mollie's checkout for an open gift: a repeated post of the form goes back to it.
    @OptionalField(key: "checkout_url") public var checkoutURL: String?
    /// The hash of the secret in the links to this gift's pages (thanks, transfer).
    @OptionalField(key: "token_hash") public var tokenHash: String?
    /// The ledger entry's cause (`mollie_payment:tr_…`), set when it is paid: one posting per gift.
    @OptionalField(key: "ledger_cause") public var ledgerCause: String?
    /// The treasurer's note on a gift recorded by hand.
    @OptionalField(key: "note") public var note: String?
    @OptionalField(key: "recorded_by") public var recordedBy: UUID?

    public init() {}

    public init(
        amountCents: Int64, frequency: Frequency = .once, method: Method, source: GiftSource, language: Language,
        wall: Wall = .anonymous, now: Date
    ) {
        self.id = UUID()
        self.createdAt = now
        self.amountCents = amountCents
        self.refundedCents = 0
        self.frequency = frequency.rawValue
        self.method = method.rawValue
        self.source = source.rawValue
        self.language = language.rawValue
        self.wall = wall.rawValue
        self.status = Status.open.rawValue
    }

    public var giftStatus: Status { Status(rawValue: status) ?? .open }
    public var giftSource: GiftSource { GiftSource(rawValue: source) ?? .private }
    public var giftLanguage: Language { Language(rawValue: language) ?? .nl }
    public var isPaid: Bool { giftStatus == .paid || giftStatus == .refunded }

    /// The name on the public wall, as the donor chose; nil when anonymous.
    public var wallName: String? {
        switch Wall(rawValue: wall) ?? .anonymous {
        case .anonymous: return nil
        case .firstName: return donorName.map { String($0.split(separator: " ").first ?? "") }
        case .name: return organisation ?? donorName
        }
    }
}

extension Gift {
    /// The gift without the person (erasure, end of retention): it stays counted and in the books,
    /// anonymous on the wall; the donor count keeps them in `fund_donors`, not here.
    public func forgetDonor() {
        forgetPerson()
        message = nil
        note = nil
        donorKey = nil
    }
}
