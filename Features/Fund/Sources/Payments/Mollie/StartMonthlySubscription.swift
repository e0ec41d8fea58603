import Fluent
import Foundation
import KrachtCore
import Vapor

/// A monthly gift's first payment is paid, so its customer has a mandate: Mollie's
/// subscription takes over from next month. Called after the payment's transaction, as Mollie
/// must not be called while the database is locked. Two webhooks at once ask Mollie with the same
/// idempotency key and get one subscription; a gift stopped meanwhile has it cancelled again.
struct StartMonthlySubscription: Sendable {
    let app: Application

    func run(firstPayment payment: MollieClient.Payment) async throws {
        guard let gift = try await Gift.query(on: app.db).filter(\.$providerPaymentID == payment.id).first(),
            let recurringID = gift.recurringID, let recurring = try await RecurringGift.find(recurringID, on: app.db),
            Self.waiting(recurring), let customerID = payment.customerId ?? recurring.customerID
        else { return }
        let subscription = try await MollieClient(app: app).createSubscription(
            customerID: customerID,
            MollieClient.NewSubscription(
                amount: .init(cents: recurring.amountCents), interval: "1 month",
                startDate: Self.startDate(after: payment.paidDate ?? app.clock.now()),
                description: app.catalogue.text("fund.monthly.description", in: recurring.recurringLanguage),
                webhookUrl: FundPath.mollieWebhook.url(on: app), metadata: ["recurring": recurringID.uuidString],
                mandateId: payment.mandateId),
            idempotencyKey: "subscription-\(recurringID.uuidString)")
        try await app.db.writeTransaction { db in
            guard let locked = try await RecurringGift.locked("id", recurringID, on: db) else { return }
            if locked.recurringStatus == .stopped, locked.subscriptionID == nil {
                // Stopped while Mollie made it: keep its id and cancel it (retried until Mollie answers).
                locked.customerID = customerID
                locked.subscriptionID = subscription.id
                try await locked.save(on: db)
                try await CancelSubscriptionJob.enqueue(recurringID, app: app, on: db)
                return
            }
            guard Self.waiting(locked) else { return }
            locked.status = RecurringGift.Status.active.rawValue
            locked.customerID = customerID
            locked.mandateID = payment.mandateId
            locked.subscriptionID = subscription.id
            try await locked.save(on: db)
        }
    }

    /// Not started yet: pending, or failed (a first payment reported failed that was paid after all).
    static func waiting(_ recurring: RecurringGift) -> Bool {
        recurring.recurringStatus == .pending || recurring.recurringStatus == .failed
    }

    /// One month after the first payment, as an Amsterdam date (`2026-12-30`).
    static func startDate(after paid: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        let next = calendar.date(byAdding: .month, value: 1, to: paid) ?? paid
        let parts = calendar.dateComponents([.year, .month, .day], from: next)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

extension RecurringGift {
    var recurringLanguage: Language { Language(rawValue: language) ?? .nl }
}
