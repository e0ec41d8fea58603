import Fluent
import Foundation
import Fund
import KrachtCore
import Vapor

/// Mollie's webhook said "something changed about payment `id`": the payment is fetched from
/// Mollie (the hint itself proves nothing) and applied to its registration: paid → `PayTicket`,
/// failed, canceled or expired → `ReleaseTicketHold`; anything else waits for the next call.
struct ApplyTicketPayment: Sendable {
    enum Outcome: Sendable, Equatable {
        case paid(PayTicket.Outcome)
        case released(ReleaseTicketHold.Outcome)
        /// Still open (or pending): nothing to do yet.
        case ignored
        /// Not a payment of a ticket (Mollie does not know it, or it is no registration's).
        case unknown
    }

    let app: Application

    /// Throws `MollieError` when Mollie could not be asked (the webhook then answers 503).
    func run(paymentID id: String) async throws -> Outcome {
        guard Self.looksLikePaymentID(id), app.fundSettings.mollieAPIKey != nil else { return .unknown }
        let payment: MollieClient.Payment
        do {
            payment = try await MollieClient(app: app).payment(id)
        } catch MollieError.notFound {
            return .unknown
        }
        guard let registrationID = try await registrationID(of: payment) else { return .unknown }
        switch payment.status {
        case "paid": return .paid(try await PayTicket(app: app).run(payment, registrationID: registrationID))
        case "failed", "canceled", "expired": return .released(try await ReleaseTicketHold(app: app).run(registrationID))
        default: return .ignored
        }
    }

    /// By the id we stored; else by the registration in its metadata (the webhook can beat the
    /// save of the id), as long as that registration has no other payment.
    private func registrationID(of payment: MollieClient.Payment) async throws -> UUID? {
        if let known = try await EventRegistration.query(on: app.db).filter(\.$paymentID == payment.id).first() { return known.id }
        guard let id = payment.metadata?["registration"].flatMap(UUID.init(uuidString:)),
            let registration = try await EventRegistration.find(id, on: app.db), registration.paymentID == nil
        else { return nil }
        return registration.id
    }

    static func looksLikePaymentID(_ id: String) -> Bool {
        id.hasPrefix("tr_") && (4...64).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
