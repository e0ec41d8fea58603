import Fluent
import Foundation
import KrachtCore
import Vapor

/// Cancels a stopped monthly gift's Mollie subscription, retried by the job worker until Mollie
/// answers: queued in the transaction that stopped it (or found it charged after stopping), so a
/// crash or a Mollie outage cannot leave a donor paying for a gift they stopped.
enum CancelSubscriptionJob {
    static let kind = FundPersonalData.cancelSubscriptionJob

    static func definition() -> JobDefinition {
        JobDefinition(kind: kind, maxAttempts: 10) { app, payload in
            guard let id = UUID(uuidString: payload) else { return }
            try await run(id, app: app)
        }
    }

    /// Inside the transaction that stopped the gift; `key` keeps one pending job per cause.
    static func enqueue(_ recurringID: UUID, key: String? = nil, app: Application, on db: any Database) async throws {
        try await JobQueue.enqueue(
            kind, payload: recurringID.uuidString, runAt: app.clock.now(), uniqueKey: key ?? "fund-cancel-\(recurringID)", on: db)
    }

    /// Throws while Mollie cannot be asked (the worker tries again later).
    static func run(_ recurringID: UUID, app: Application) async throws {
        guard let recurring = try await RecurringGift.find(recurringID, on: app.db),
            let customerID = recurring.customerID, let subscriptionID = recurring.subscriptionID
        else { return }
        do {
            _ = try await MollieClient(app: app).cancelSubscription(customerID: customerID, subscriptionID: subscriptionID)
        } catch MollieError.notFound {
            // 404/410: gone or cancelled already; that is what we wanted.
        } catch let error as MollieError where !error.isTemporary {
            // Mollie refuses (e.g. already cancelled): asking again will not change its answer.
            app.logger.warning("mollie: cancelling a subscription refused", metadata: ["recurring": "\(recurringID)", "error": "\(error)"])
        }
    }
}
