import Fluent
import Foundation
import KrachtCore
import Vapor

/// The treasurer's decision on a queued credit: assign it to the gift whose reference they
/// found (the gift is paid with what actually came in), or book it as an anonymous gift,
/// counted as one donor per bank account (the money moves from `bank_unmatched` to donations),
/// or mark it as the fund's own money coming in (a Mollie payout, cash paid in), which moves it
/// from `bank_unmatched` out of that account and is no gift. A line decided before says so
/// and changes nothing.
public struct HandleQueuedLine: Sendable {
    public enum Decision: Sendable, Equatable {
        case assign(reference: String)
        case anonymous
        /// Money from another of the fund's own accounts.
        case transfer(from: OwnAccount)
    }
    public enum OwnAccount: String, Sendable, CaseIterable {
        case mollie, cash
        var ledgerAccount: LedgerAccount { self == .mollie ? .mollie : .cash }
    }
    public enum Outcome: Sendable, Equatable {
        case assigned(giftID: UUID)
        case booked(giftID: UUID)
        case transferred
        case notFound
        case alreadyHandled
        case invalidReference
        case unknownReference
        /// The gift is paid already (and not monthly) or cancelled: the treasurer chooses again.
        case giftNotOpen
    }

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(_ lineID: UUID, _ decision: Decision, by treasurer: User) async throws -> Outcome {
        var typed: String?
        if case .assign(let text) = decision {
            guard let valid = PaymentReference.normalized(text) else { return .invalidReference }
            typed = valid
        }
        let reference = typed
        let app = self.app
        let actorID = treasurer.id
        let outcome = try await app.db.writeTransaction { db -> Outcome in
            guard let line = try await StatementLineRecord.locked(lineID, on: db) else { return .notFound }
            guard line.lineStatus == .queued else { return .alreadyHandled }
            let bookedAt = StatementMatching.noon(of: line.bookingDay)
            if case .transfer(let from) = decision {
                let entry = Ledger.Entry(
                    kind: "internal_transfer", cause: Ledger.Cause("statement_line", line.lineKey), bookedAt: bookedAt, actorID: actorID,
                    lines: [.debit(.unmatched, line.amountCents), .credit(from.ledgerAccount, line.amountCents)])
                try await Ledger.post(entry, on: db)
                line.status = StatementLineRecord.Status.internal.rawValue
                line.handledBy = actorID
                line.handledAt = app.clock.now()
                try await line.save(on: db)
                try await AuditEvent.record(
                    "fund.queue.internal", subject: "statement_line:\(lineID)", details: "from \(from.rawValue) \(line.amountCents) cents",
                    by: actorID, on: db)
                return .transferred
            }
            let gift: Gift
            if let reference {
                guard let found = try await Gift.locked("reference", reference, on: db) else { return .unknownReference }
                if [.open, .expired].contains(found.giftStatus) {
                    // What came in is what was given: the gift is not posted yet, so its amount may follow.
                    found.amountCents = line.amountCents
                    gift = found
                } else if found.isPaid, found.frequency == Gift.Frequency.monthly.rawValue,
                    found.method == Gift.Method.transfer.rawValue
                {
                    gift = try await StatementMatching.nextMonth(of: found, amount: line.amountCents, now: bookedAt, on: db)
                } else {
                    return .giftNotOpen
                }
            } else {
                gift = Gift(
                    amountCents: line.amountCents, method: .transfer, source: .private, language: .nl, wall: .anonymous, now: bookedAt)
                gift.donorKey = line.ibanIndex
                gift.recordedBy = actorID
                try await gift.create(on: db)
            }
            let receipt = PayGift.Receipt(
                account: .unmatched, cause: Ledger.Cause("statement_line", line.lineKey), paidAt: bookedAt, actorID: actorID)
            guard try await PayGift(app: app).run(gift, receipt: receipt, on: db) == .paid else { return .giftNotOpen }
            line.status = (reference == nil ? StatementLineRecord.Status.anonymous : .assigned).rawValue
            line.giftID = gift.id
            line.handledBy = actorID
            line.handledAt = app.clock.now()
            try await line.save(on: db)
            try await AuditEvent.record(
                reference == nil ? "fund.queue.anonymous" : "fund.queue.assign", subject: "statement_line:\(lineID)",
                details: "gift \(gift.id!) \(line.amountCents) cents", by: actorID, on: db)
            return reference == nil ? .booked(giftID: gift.id!) : .assigned(giftID: gift.id!)
        }
        switch outcome {
        case .assigned, .booked, .transferred: FundTotals.changed(app)
        default: break
        }
        return outcome
    }
}
