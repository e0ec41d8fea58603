import Foundation
import KrachtCore
import Vapor

/// iDEAL and cards through Mollie, and a monthly gift as Mollie's customer + first payment
/// (which gives the SEPA mandate) + subscription (made by the webhook once the first is paid).
public struct MolliePaymentProvider: PaymentProvider {
    public var method: Gift.Method { .mollie }
    public var supportsMonthly: Bool { true }

    public init() {}

    public func start(_ order: PaymentOrder, gift: Gift, app: Application) async throws -> PaymentStart {
        let mollie = MollieClient(app: app)
        let locale = order.language == .nl ? "nl_NL" : "en_US"
        do {
            var customerID: String?
            if order.monthly {
                customerID = try await mollie.createCustomer(name: order.donorName, email: order.donorEmail, locale: locale).id
            }
            let payment = try await mollie.createPayment(
                MollieClient.NewPayment(
                    amount: .init(cents: order.amountCents), description: order.description, redirectUrl: order.returnURL,
                    webhookUrl: FundPath.mollieWebhook.url(on: app), locale: locale, metadata: ["gift": order.giftID.uuidString],
                    sequenceType: order.monthly ? "first" : nil, customerId: customerID),
                idempotencyKey: "gift-\(order.giftID.uuidString)")
            guard let checkout = payment.checkoutURL else {
                return .unavailable(reason: "Mollie gave payment \(payment.id) no checkout link")
            }
            return .redirect(checkoutURL: checkout, paymentID: payment.id, customerID: customerID)
        } catch let error as MollieError {
            app.logger.error(
                "mollie: could not start a payment", metadata: ["gift": .string(order.giftID.uuidString), "error": "\(error)"])
            return .unavailable(reason: error.description)
        }
    }
}

enum MollieSetup {
    /// With a key, Mollie is offered first and bank transfer stays as the other way.
    static func configure(_ app: Application) {
        // Read from the environment once, not on every webhook.
        app.fundSettings = app.fundSettings
        _ = app.mollieWebhooks
        _ = app.molliePayments
        guard app.fundSettings.mollieAPIKey != nil else { return }
        app.paymentProviders = [MolliePaymentProvider(), BankTransferProvider()]
    }
}
