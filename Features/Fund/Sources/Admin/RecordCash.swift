import Fluent
import Foundation
import KrachtCore
import Vapor

/// Cash (the takings of a benefit evening) or a gift in kind, recorded by the treasurer with a
/// note: a paid `Gift` through `PayGift`, in the cash box or the in-kind account.
public struct RecordCash: Sendable {
    public struct Input: Sendable {
        public var amount: String?
        public var day: String?
        public var kind: String?
        public var source: String?
        public var campaign: String?
        public var donorName: String?
        public var note: String?
        public init(
            amount: String?, day: String?, kind: String?, source: String?, campaign: String?, donorName: String?, note: String?
        ) {
            (self.amount, self.day, self.kind, self.source) = (amount, day, kind, source)
            (self.campaign, self.donorName, self.note) = (campaign, donorName, note)
        }
    }
    public enum Outcome: Sendable, Equatable {
        case recorded(giftID: UUID)
        case invalid(FormErrors)
    }

    /// A typo guard, not a policy: more than this in one go is recorded in parts.
    static let maxCents: Int64 = 100_000_000
    static let sources: [GiftSource] = [.event, .partner, .organisation, .private]

    let app: Application

    public init(app: Application) { self.app = app }

    public func run(_ input: Input, by treasurer: User, language: Language) async throws -> Outcome {
        let t = { (key: String) in app.catalogue.text(key, in: language) }
        var errors = FormErrors()
        let cents = input.amount.flatMap(Money.parseCents)
        if cents == nil || cents! <= 0 {
            errors.add("amount", t("fund.cash.error.amount"))
        } else if cents! > Self.maxCents {
            errors.add(
                "amount",
                app.catalogue.text("fund.cash.error.amount_max", in: language, ["max": Money.format(cents: Self.maxCents, in: language)]))
        }
        let start = input.day.flatMap(AmsterdamTime.parseDay)
        let today = AmsterdamTime.day(app.clock.now())
        if start == nil {
            errors.add("day", t("fund.cash.error.day"))
        } else if input.day! > today {
            errors.add("day", t("fund.cash.error.future"))
        }
        let method: Gift.Method? = input.kind == "cash" ? .cash : input.kind == "in_kind" ? .inKind : nil
        if method == nil { errors.add("kind", t("fund.cash.error.kind")) }
        let source = input.source.flatMap(GiftSource.init(rawValue:)).flatMap { Self.sources.contains($0) ? $0 : nil }
        if source == nil { errors.add("source", t("fund.cash.error.source")) }
        var campaign: FundCampaign?
        if let slug = input.campaign, !slug.isEmpty {
            campaign = try await FundCampaign.find(slug: slug, on: app.db)
            if campaign == nil { errors.add("campaign", t("fund.cash.error.campaign")) }
        }
        let (name, nameProblem) = TextField.check(input.donorName, required: false, maxLength: 140)
        if nameProblem != nil { errors.add("donor_name", TextField.message(for: nameProblem!, maxLength: 140, t)) }
        let (note, noteProblem) = TextField.check(input.note, maxLength: 500)
        if noteProblem != nil { errors.add("note", TextField.message(for: noteProblem!, maxLength: 500, t)) }
        guard errors.isEmpty, let cents, let start, let method, let source else { return .invalid(errors) }

        let paidAt = input.day == today ? app.clock.now() : start.addingTimeInterval(12 * 3600)
        let gift = Gift(amountCents: cents, method: method, source: source, language: language, wall: .anonymous, now: app.clock.now())
        gift.campaignID = campaign?.id
        gift.donorName = name.isEmpty ? nil : name
        gift.note = note
        gift.recordedBy = treasurer.id
        let application = app
        try await app.db.writeTransaction { db in
            try await gift.create(on: db)
            let receipt = PayGift.Receipt(
                account: method == .cash ? .cash : .inKind, cause: Ledger.Cause("manual", gift.id!.uuidString), paidAt: paidAt,
                actorID: treasurer.id)
            _ = try await PayGift(app: application).run(gift, receipt: receipt, on: db)
            try await AuditEvent.record(
                "fund.cash.record", subject: "gift:\(gift.id!)", details: "\(method.rawValue) \(cents) cents: \(note)", by: treasurer.id,
                on: db)
        }
        FundTotals.changed(app)
        return .recorded(giftID: gift.id!)
    }
}
