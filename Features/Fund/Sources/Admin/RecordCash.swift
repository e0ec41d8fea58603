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
        /// The rendered form's own id: the posting's cause, so the same form sent twice books once.
        public var formID: String?
        public init(
            amount: String?, day: String?, kind: String?, source: String?, campaign: String?, donorName: String?, note: String?,
            formID: String? = nil
        ) {
            (self.amount, self.day, self.kind, self.source) = (amount, day, kind, source)
            (self.campaign, self.donorName, self.note, self.formID) = (campaign, donorName, note, formID)
        }
    }
    public enum Outcome: Sendable, Equatable {
        case recorded(giftID: UUID)
        /// This form was recorded before (a double click, a resent post): nothing new.
        case alreadyRecorded
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
        gift.id = UUID()
        let cause = Ledger.Cause("manual", input.formID.flatMap(UUID.init(uuidString:))?.uuidString ?? gift.id!.uuidString)
        do {
            let recorded = try await app.db.writeTransaction { db -> Bool in
                if try await Ledger.exists(kind: "gift", cause: cause, on: db) { return false }
                try await gift.create(on: db)
                let receipt = PayGift.Receipt(
                    account: method == .cash ? .cash : .inKind, cause: cause, paidAt: paidAt, actorID: treasurer.id)
                _ = try await PayGift(app: application).run(gift, receipt: receipt, on: db)
                try await AuditEvent.record(
                    "fund.cash.record", subject: "gift:\(gift.id!)", details: "\(method.rawValue) \(cents) cents: \(note)",
                    by: treasurer.id, on: db)
                return true
            }
            guard recorded else { return .alreadyRecorded }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The same form twice at the same moment: the ledger's unique cause let one through.
            return .alreadyRecorded
        }
        FundTotals.changed(app)
        return .recorded(giftID: gift.id!)
    }
}
