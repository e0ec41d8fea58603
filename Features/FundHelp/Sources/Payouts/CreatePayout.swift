import Fluent
import Foundation
import Fund
import KrachtCore
import Vapor

/// The treasurer pays (part of) a granted case: a transfer waits for the next SEPA file; cash
/// and a voucher (bought from the bank account) are paid at once. Never more than what is left
/// of the grant, also when two treasurers pay the same case at once: the case is locked first.
struct CreatePayout: Sendable {
    struct Input: Sendable {
        var amount: String?
        var method: String?
        /// For a transfer: `applicant`, `organisation` or `creditor`.
        var payee: String?
        var name: String?
        var iban: String?
        var remittance: String?
    }
    enum Outcome: Sendable, Equatable {
        /// A transfer, pending until exported.
        case created(UUID)
        /// Cash or a voucher, paid and posted.
        case paid(UUID)
        case notGranted
        case invalid(FormErrors)
    }

    static let maxNameLength = 70
    static let maxRemittanceLength = 140

    let app: Application

    func run(_ input: Input, caseID: UUID, by treasurer: User, language: Language) async throws -> Outcome {
        let app = self.app
        let t = { (key: String) in app.catalogue.text(key, in: language) }
        var errors = FormErrors()
        let cents = input.amount.flatMap(Money.parseCents)
        if cents == nil || cents! <= 0 { errors.add("amount", t("fundhelp.payouts.error.amount")) }
        let method = input.method.flatMap(SupportPayout.Method.init(rawValue:))
        if method == nil { errors.add("method", t("fundhelp.payouts.error.method")) }
        let payee = method == .transfer ? checkPayee(input, &errors, t) : nil
        guard errors.isEmpty, let cents, let method else { return .invalid(errors) }

        let id = UUID()
        let endToEndID = Self.endToEndID()
        let sealed = try payee.map {
            try app.fundSealer.seal(String(decoding: JSONEncoder().encode($0.1), as: UTF8.self), context: ApplicantVault.Context.payee)
        }
        let now = app.clock.now()
        let treasurerID = try treasurer.requireID()
        return try await app.db.writeTransaction { db -> Outcome in
            guard let application = try await SupportApplication.locked(caseID, on: db), application.statusValue == .granted else {
                return .notGranted
            }
            let remaining = try await PayoutSettlement.remainingCents(of: application, on: db)
            guard cents <= remaining else {
                var errors = FormErrors()
                errors.add(
                    "amount",
                    app.catalogue.text(
                        "fundhelp.payouts.error.above_outstanding", in: language, ["max": Money.format(cents: remaining, in: language)]))
                return .invalid(errors)
            }
            let payout = SupportPayout()
            payout.id = id
            payout.$application.id = caseID
            payout.method = method.rawValue
            payout.payee = payee?.0.rawValue
            payout.amountCents = cents
            payout.state = SupportPayout.State.pending.rawValue
            payout.endToEndID = endToEndID
            payout.payeeSealed = sealed
            payout.createdBy = treasurerID
            payout.createdAt = now
            try await payout.create(on: db)
            try await AuditEvent.record(
                "fundhelp.payout.create", subject: "support_payout:\(id)", details: "\(method.rawValue) \(cents) cents", by: treasurerID,
                on: db)
            guard method != .transfer else { return .created(id) }
            try await PayoutSettlement.markPaid(
                payout, of: application, from: method == .cash ? .cash : .bank, by: treasurerID, at: now, app: app, on: db)
            return .paid(id)
        }
    }

    /// Who receives a transfer: a name the bank accepts, a valid IBAN, and for a bill its reference.
    private func checkPayee(_ input: Input, _ errors: inout FormErrors, _ t: (String) -> String) -> (SupportPayout.Payee, PayeeDetails)? {
        let payee = input.payee.flatMap(SupportPayout.Payee.init(rawValue:))
        if payee == nil { errors.add("payee", t("fundhelp.payouts.error.payee")) }
        let (name, nameProblem) = TextField.check(input.name, maxLength: Self.maxNameLength)
        if let nameProblem {
            errors.add("name", TextField.message(for: nameProblem, maxLength: Self.maxNameLength, t))
        } else if !SepaText.isWritable(name) {
            errors.add("name", t("fundhelp.payouts.error.characters"))
        }
        let iban = SepaText.iban(input.iban ?? "")
        if !FundSettings.isValidIBAN(input.iban ?? "") { errors.add("iban", t("fundhelp.payouts.error.iban")) }
        let (remittance, remittanceProblem) = TextField.check(
            input.remittance, required: payee == .creditor, maxLength: Self.maxRemittanceLength)
        if let remittanceProblem {
            errors.add("remittance", TextField.message(for: remittanceProblem, maxLength: Self.maxRemittanceLength, t))
        } else if !SepaText.isWritable(remittance) {
            errors.add("remittance", t("fundhelp.payouts.error.characters"))
        }
        guard let payee, errors.isEmpty else { return nil }
        return (payee, PayeeDetails(name: name, iban: iban, remittance: remittance.isEmpty ? nil : remittance))
    }

    /// `KVM-` and 24 random capitals and digits: unique, at most 35 characters, in the SEPA set.
    static func endToEndID() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return "KVM-" + String((0..<24).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
