import Fluent
import Foundation
import KrachtCore
import Vapor

/// A donor stops their monthly gift — signed in from "my gifts", or from the link in its mails:
/// Mollie's subscription is cancelled first (so no further month is charged), then the gift is
/// marked stopped and the donor gets a mail saying so.
struct StopMonthlyGift: Sendable {
    enum Outcome: Sendable, Equatable {
        case stopped
        case alreadyStopped
        /// No such monthly gift, or not this person's.
        case notFound
        /// Mollie could not be reached: nothing changed, try again later.
        case unavailable
    }

    enum Who {
        case owner(UUID)
        case link(String)
    }

    let app: Application

    func run(_ id: UUID?, by who: Who) async throws -> Outcome {
        guard let recurring = try await find(id, by: who) else { return .notFound }
        guard recurring.recurringStatus != .stopped else { return .alreadyStopped }
        if let customerID = recurring.customerID, let subscriptionID = recurring.subscriptionID {
            do {
                _ = try await MollieClient(app: app).cancelSubscription(customerID: customerID, subscriptionID: subscriptionID)
            } catch let error as MollieError where !error.isTemporary {
                // Mollie no longer has it active (cancelled there already): stopping here is right.
            } catch {
                app.logger.warning("mollie: could not cancel a subscription", metadata: ["error": "\(error)"])
                return .unavailable
            }
        }
        let cancelled = recurring.subscriptionID
        return try await app.db.writeTransaction { db in
            guard let locked = try await RecurringGift.locked("id", recurring.id!, on: db) else { return .notFound }
            guard locked.recurringStatus != .stopped else { return .alreadyStopped }
            locked.status = RecurringGift.Status.stopped.rawValue
            locked.stoppedAt = app.clock.now()
            try await locked.save(on: db)
            // Its subscription was started after we looked: cancel that one too, after the commit.
            if let subscriptionID = locked.subscriptionID, subscriptionID != cancelled {
                try await CancelSubscriptionJob.enqueue(locked.id!, app: app, on: db)
            }
            try await mail(locked, on: db)
            return .stopped
        }
    }

    func find(_ id: UUID?, by who: Who) async throws -> RecurringGift? {
        switch who {
        case .owner(let userID):
            // Theirs by account, or by the donor's address once the account's address is confirmed.
            guard let id, let user = try await User.find(userID, on: app.db) else { return nil }
            return try await FundPersonalData.recurring(of: user, on: app.db).first { $0.id == id }
        case .link(let secret):
            guard (10...200).contains(secret.count) else { return nil }
            return try await RecurringGift.query(on: app.db).filter(\.$stopTokenHash == SecureToken.hash(secret)).first()
        }
    }

    private func mail(_ recurring: RecurringGift, on db: any Database) async throws {
        guard let email = recurring.donorEmail else { return }
        let language = recurring.recurringLanguage
        try await app.mailer.enqueue(
            to: email, language: language, subjectKey: "fund.mail.monthly_stopped.subject", view: "fund/mail/monthly-stopped",
            context: [
                "name": recurring.donorName ?? recurring.organisation ?? "",
                "amount": Money.format(cents: recurring.amountCents, in: language),
                "link": FundPath.give().url(on: app),
                "baseURL": app.config.baseURL,
            ], on: db)
    }
}
