import Foundation
import KrachtCore
import Vapor

/// What a donor asked to give, for a provider to collect.
public struct PaymentOrder: Sendable {
    public var giftID: UUID
    public var amountCents: Int64
    public var monthly: Bool
    /// What the donor's bank statement says ("Gift to the Solidarity Fund").
    public var description: String
    public var donorName: String?
    public var donorEmail: String?
    public var language: Language
    /// Where the donor comes back to after paying: the gift's thanks page.
    public var returnURL: String

    public init(
        giftID: UUID, amountCents: Int64, monthly: Bool, description: String, donorName: String?, donorEmail: String?,
        language: Language, returnURL: String
    ) {
        self.giftID = giftID
        self.amountCents = amountCents
        self.monthly = monthly
        self.description = description
        self.donorName = donorName
        self.donorEmail = donorEmail
        self.language = language
        self.returnURL = returnURL
    }
}

/// How a payment goes on after the gift was asked for.
public enum PaymentStart: Sendable, Equatable {
    /// Send the donor to the provider's checkout (iDEAL, card, the first direct debit).
    /// `customerID` is the Mollie customer of a monthly gift.
    case redirect(checkoutURL: String, paymentID: String, customerID: String?)
    /// Show the donor how to pay: by bank transfer with this reference.
    case instructions(reference: String)
    /// The provider could not take it now (unreachable, an error): the donor is told and may
    /// choose another way. Nothing was charged.
    case unavailable(reason: String)
}

/// A way to pay a gift. Mollie when `MOLLIE_API_KEY` is set; bank transfer always.
public protocol PaymentProvider: Sendable {
    var method: Gift.Method { get }
    /// Whether a monthly gift can be paid this way (Mollie's SEPA direct debit; a standing
    /// order with the same reference by transfer).
    var supportsMonthly: Bool { get }
    func start(_ order: PaymentOrder, gift: Gift, app: Application) async throws -> PaymentStart
}

/// Bank transfer: nothing to call, the donor gets the IBAN, the amount and the gift's
/// reference; the treasurer's statement import finds the gift by it.
public struct BankTransferProvider: PaymentProvider {
    public var method: Gift.Method { .transfer }
    public var supportsMonthly: Bool { true }

    public init() {}

    public func start(_ order: PaymentOrder, gift: Gift, app: Application) async throws -> PaymentStart {
        guard let reference = gift.reference else { return .unavailable(reason: "gift without a reference") }
        return .instructions(reference: reference)
    }
}
