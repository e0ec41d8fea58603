import Fluent
import Foundation
import KrachtCore
import Vapor

/// A gift's money arrived (Mollie says paid, a statement line matched it, the treasurer counted
/// the cash): the gift is marked paid and its money posted to the ledger — once, however often
/// this is called — the donor counted, its campaign credited, and a confirmation mailed in the
/// donor's language. Every way money comes in ends here.
public struct PayGift: Sendable {
    public enum Outcome: Sendable, Equatable { case paid, alreadyPaid, notPayable }

    /// Where the money is and what caused it.
    public struct Receipt: Sendable {
        /// The account the money is in: Mollie, the bank, the cash box, goods in kind.
        public var account: LedgerAccount
        public var cause: Ledger.Cause
        public var paidAt: Date
        /// Mollie's fee, when it is known (its amount minus the settlement amount).
        public var feeCents: Int64
        public var actorID: UUID?
        /// More for the confirmation mail: a monthly gift's `stopLink`.
        public var mailContext: [String: String]

        public init(
            account: LedgerAccount, cause: Ledger.Cause, paidAt: Date, feeCents: Int64 = 0, actorID: UUID? = nil,
            mailContext: [String: String] = [:]
        ) {
            self.account = account
            self.cause = cause
            self.paidAt = paidAt
            self.feeCents = feeCents
            self.actorID = actorID
            self.mailContext = mailContext
        }
    }

    let app: Application

    public init(app: Application) { self.app = app }

    /// Call inside a write transaction, with `gift` read locked (`Gift.locked`). The caller
    /// calls `FundTotals.changed(app)` after the commit.
    public func run(_ gift: Gift, receipt: Receipt, on db: any Database) async throws -> Outcome {
        if gift.isPaid { return .alreadyPaid }
        guard gift.giftStatus != .refunded, let id = gift.id else { return .notPayable }
        gift.status = Gift.Status.paid.rawValue
        gift.paidAt = receipt.paidAt
        gift.ledgerCause = "\(receipt.cause.type):\(receipt.cause.id)"
        if gift.donorKey == nil, let email = gift.donorEmail {
            gift.donorKey = app.sealer.blindIndex(EmailAddress.canonicalMailbox(email), context: "fund-donor")
        }
        // One save, with whatever the caller changed too (an assigned line's amount, an IBAN's key).
        try await gift.save(on: db)
        let posted = try await Ledger.post(
            Ledger.Entry(
                kind: "gift", cause: receipt.cause, bookedAt: receipt.paidAt, actorID: receipt.actorID, memo: "gift \(id)",
                lines: [
                    .debit(receipt.account, gift.amountCents - receipt.feeCents), .debit(.mollieFees, receipt.feeCents),
                    .credit(.donations(gift.giftSource), gift.amountCents),
                ]), on: db)
        guard case .posted = posted else { return .alreadyPaid }
        try await countDonor(of: gift, at: receipt.paidAt, on: db)
        if let campaignID = gift.campaignID {
            try await db.sql.raw(
                "UPDATE fund_campaigns SET raised_cents = raised_cents + \(bind: gift.amountCents), gifts = gifts + 1 WHERE id = \(bind: campaignID)"
            ).run()
        }
        try await mailConfirmation(of: gift, extra: receipt.mailContext, on: db)
        return .paid
    }

    /// The donor key is a keyed hash of the canonical address, else of whatever identifies the
    /// donor (a bank account, set by the caller); a gift without either is anonymous and counts
    /// towards the money, not the donors.
    private func countDonor(of gift: Gift, at date: Date, on db: any Database) async throws {
        guard let key = gift.donorKey else { return }
        let inserted = try await db.sql.raw(
            "INSERT INTO fund_donors (key, first_gift_at) VALUES (\(bind: key), \(bind: date)) ON CONFLICT (key) DO NOTHING RETURNING key"
        ).all()
        if !inserted.isEmpty { try await FundTotals.add(1, to: .donors, on: db) }
    }

    private func mailConfirmation(of gift: Gift, extra: [String: String], on db: any Database) async throws {
        guard let email = gift.donorEmail, let id = gift.id else { return }
        let language = gift.giftLanguage
        try await app.mailer.enqueue(
            to: email, language: language, subjectKey: "fund.mail.paid.subject",
            view: "fund/mail/gift-paid",
            context: [
                "name": gift.donorName ?? gift.organisation ?? "",
                "amount": Money.format(cents: gift.amountCents, in: language),
                "date": AmsterdamTime.date(gift.paidAt, in: language),
                "monthly": gift.frequency == Gift.Frequency.monthly.rawValue ? "1" : "",
                "gift": id.uuidString,
                "link": FundPath.report.url(on: app),
                "baseURL": app.config.baseURL,
            ].merging(extra) { ours, _ in ours }, on: db)
    }
}
