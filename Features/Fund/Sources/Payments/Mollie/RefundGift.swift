import Fluent
import Foundation
import KrachtCore
import Vapor

/// The treasurer pays (part of) a Mollie gift back, with a reason: Mollie refunds it first,
/// then in one transaction the ledger gets a `refund` entry (debit refunds, credit Mollie), the
/// gift its refunded amount (status refunded when in full), its campaign a lower total, the
/// audit log a line, and the donor a mail in their language.
struct RefundGift: Sendable {
    enum Outcome: Sendable {
        case refunded(cents: Int64)
        case invalid(FormErrors)
    }

    struct Form: Decodable, Sendable {
        var amount: String?
        var reason: String?
        /// What was refunded when the treasurer saw the page: a second click of the same form
        /// finds it changed and refunds nothing more.
        var seen: String?
    }

    static let reasonLimit = 500

    let app: Application

    func run(_ gift: Gift, form: Form, by treasurer: User, language: Language) async throws -> Outcome {
        let t = { app.catalogue.text($0, in: language) }
        let remaining = gift.amountCents - gift.refundedCents
        guard gift.method == Gift.Method.mollie.rawValue, let paymentID = gift.providerPaymentID else {
            return .invalid(FormErrors(summary: t("fund.refund.not_mollie")))
        }
        guard gift.isPaid, remaining > 0 else { return .invalid(FormErrors(summary: t("fund.refund.not_refundable"))) }
        guard form.seen == String(gift.refundedCents) else { return .invalid(FormErrors(summary: t("fund.refund.changed"))) }
        var errors = FormErrors()
        let amountText = form.amount?.trimmingCharacters(in: .whitespaces) ?? ""
        let cents = amountText.isEmpty ? remaining : Money.parseCents(amountText)
        switch cents {
        case nil: errors.add("amount", t("fund.refund.amount_invalid"))
        case let cents? where cents <= 0: errors.add("amount", t("fund.refund.amount_zero"))
        case let cents? where cents > remaining:
            errors.add(
                "amount",
                app.catalogue.text("fund.refund.amount_too_high", in: language, ["max": Money.format(cents: remaining, in: language)]))
        default: break
        }
        let (reason, problem) = TextField.check(form.reason, maxLength: Self.reasonLimit, singleLine: false)
        if let problem { errors.add("reason", TextField.message(for: problem, maxLength: Self.reasonLimit, t)) }
        guard errors.isEmpty, let cents else { return .invalid(errors) }

        let refund: MollieClient.Refund
        do {
            refund = try await MollieClient(app: app).createRefund(
                paymentID: paymentID, cents: cents, description: t("fund.refund.description"),
                idempotencyKey: "refund-\(gift.id!.uuidString)-\(gift.refundedCents)")
        } catch let error as MollieError {
            app.logger.warning("mollie: refund refused", metadata: ["gift": .string(gift.id!.uuidString), "error": "\(error)"])
            let key = error.isTemporary ? "fund.refund.unavailable" : "fund.refund.refused"
            return .invalid(FormErrors(summary: app.catalogue.text(key, in: language, ["detail": error.description])))
        }
        try await app.db.writeTransaction { db in
            try await record(refund, cents: cents, reason: reason, of: gift.id!, by: treasurer, on: db)
        }
        FundTotals.changed(app)
        return .refunded(cents: cents)
    }

    /// Books a refund Mollie accepted (also used by the demo, which has no Mollie to ask).
    func record(_ refund: MollieClient.Refund, cents: Int64, reason: String, of giftID: UUID, by treasurer: User, on db: any Database)
        async throws
    {
        try await record(.refund, id: refund.id, cents: cents, reason: reason, of: giftID, actorID: treasurer.id, on: db)
    }

    /// Money that went back to the donor through Mollie: a refund (`re_…`) or a chargeback by the
    /// donor's bank (`chb_…`). The one path for the treasurer's refunds and for those the webhook
    /// finds (made in Mollie's dashboard, or booked here by nobody because we crashed after Mollie
    /// said yes). Posted once per Mollie id; returns whether it was new.
    @discardableResult
    func record(
        _ kind: Reversal, id: String, cents: Int64, reason: String, of giftID: UUID, actorID: UUID?, on db: any Database
    ) async throws -> Bool {
        let now = app.clock.now()
        guard cents > 0, let gift = try await Gift.locked("id", giftID, on: db) else { return false }
        let posted = try await Ledger.post(
            Ledger.Entry(
                kind: kind.rawValue, cause: Ledger.Cause("mollie_\(kind.rawValue)", id), bookedAt: now, actorID: actorID,
                memo: "\(kind.rawValue) of gift \(giftID)", lines: [.debit(.refunds, cents), .credit(.mollie, cents)]), on: db)
        // The same Mollie refund twice (an idempotent repeat, a second webhook): in the books already.
        guard case .posted = posted else { return false }
        try await FundRefund(giftID: giftID, providerRefundID: id, cents: cents, reason: reason, by: actorID, now: now).create(on: db)
        gift.refundedCents += cents
        if gift.refundedCents >= gift.amountCents { gift.status = Gift.Status.refunded.rawValue }
        try await gift.save(on: db)
        if let campaignID = gift.campaignID {
            try await db.sql.raw("UPDATE fund_campaigns SET raised_cents = raised_cents - \(bind: cents) WHERE id = \(bind: campaignID)")
                .run()
        }
        try await AuditEvent.record(
            "fund.\(kind.rawValue)", subject: "gift:\(giftID)", details: "\(id) \(cents) cents: \(reason)", by: actorID, on: db)
        // A chargeback is the donor's own bank taking it back: nothing to tell them.
        guard kind == .refund, let email = gift.donorEmail else { return true }
        let language = gift.giftLanguage
        try await app.mailer.enqueue(
            to: email, language: language, subjectKey: "fund.mail.refund.subject", view: "fund/mail/refund",
            context: [
                "name": gift.donorName ?? gift.organisation ?? "",
                "amount": Money.format(cents: cents, in: language),
                "gift_amount": Money.format(cents: gift.amountCents, in: language),
                "date": AmsterdamTime.date(gift.paidAt, in: language),
                "reason": reason,
                "baseURL": app.config.baseURL,
            ], on: db)
        return true
    }

    /// The ledger kind; the cause is `mollie_<kind>:<Mollie id>`.
    enum Reversal: String, Sendable {
        case refund, chargeback
    }
}
