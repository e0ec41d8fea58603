import Fluent
import Foundation
import Fund
import KrachtCore
import SQLKit

/// `kracht verify` for the payouts: per case, what its paid payouts add up to is its `paidCents`,
/// never more than granted; every payout has the postings its state calls for (`payout` once
/// paid, `payout_return` once returned) and no posting names a payout that is not there.
public enum PayoutVerify {
    public static func problems(on db: any Database) async throws -> [String] {
        var problems: [String] = []
        let payouts = try await SupportPayout.query(on: db).all()
        var paidPerCase: [UUID: Int64] = [:]
        for payout in payouts where payout.state == SupportPayout.State.paid.rawValue {
            paidPerCase[payout.$application.id, default: 0] += payout.amountCents
        }
        let cases = try await SupportApplication.query(on: db)
            .group(.or) { $0.filter(\.$paidCents != 0).filter(\.$id ~~ Set(paidPerCase.keys)) }.all()
        for application in cases {
            let paid = paidPerCase[application.id!] ?? 0
            if paid != application.paidCents {
                problems.append(
                    "fund help: case \(application.number) has paid_cents \(application.paidCents) but its paid payouts add up to \(paid)")
            }
            if application.paidCents > (application.grantedCents ?? 0) {
                problems.append(
                    "fund help: case \(application.number) paid \(application.paidCents) cents of a grant of \(application.grantedCents ?? 0)"
                )
            }
        }
        var postings: [String: [String: Int]] = [:]
        for row in try await db.sql.raw(
            "SELECT kind, cause_id FROM fund_ledger_entries WHERE cause_type = 'support_payout'"
        ).all() {
            let id = try row.decode(column: "cause_id", as: String.self).uppercased()
            postings[id, default: [:]][try row.decode(column: "kind", as: String.self), default: 0] += 1
        }
        var known: Set<String> = []
        for payout in payouts {
            let id = payout.id!.uuidString.uppercased()
            known.insert(id)
            let state = SupportPayout.State(rawValue: payout.state)
            let expected = [
                "payout": state == .paid || state == .returned ? 1 : 0, "payout_return": state == .returned ? 1 : 0,
            ]
            let found = postings[id] ?? [:]
            if found.filter({ $0.value > 0 }) != expected.filter({ $0.value > 0 }) {
                problems.append("fund help: \(payout.state) payout \(id.prefix(8)) has postings \(found.sorted { $0.key < $1.key })")
            }
        }
        let orphans = postings.keys.filter { !known.contains($0) }.count
        if orphans > 0 { problems.append("fund help: \(orphans) payout postings name no payout") }
        problems += try await batches(payouts, on: db)
        problems += try await statementLines(on: db)
        return problems
    }

    /// A batch's count and total are its payouts': exactly the transfers its file holds.
    static func batches(_ payouts: [SupportPayout], on db: any Database) async throws -> [String] {
        var perBatch: [UUID: (count: Int, cents: Int64)] = [:]
        for payout in payouts {
            guard let batchID = payout.batchID else { continue }
            perBatch[batchID, default: (0, 0)].count += 1
            perBatch[batchID, default: (0, 0)].cents += payout.amountCents
        }
        return try await SupportPayoutBatch.query(on: db).all().compactMap { batch in
            let found = perBatch[batch.id!] ?? (0, 0)
            guard found.count != batch.payoutCount || found.cents != batch.totalCents else { return nil }
            return
                "fund help: SEPA file \(batch.messageID) says \(batch.payoutCount) transfers of \(batch.totalCents) cents, its payouts are \(found.count) of \(found.cents)"
        }
    }

    /// No statement line of a payout of ours is booked as a bank cost (its end-to-end id or its
    /// file's batch id, with that amount: another amount is not ours, as the import decides), and
    /// the lines of an erased case's payouts name no one.
    static func statementLines(on db: any Database) async throws -> [String] {
        let asCost =
            try await db.sql.raw(
                """
                SELECT COUNT(*) AS n FROM fund_statement_lines l WHERE l.status = 'debit' AND (
                EXISTS (SELECT 1 FROM support_payouts p WHERE p.end_to_end_id = l.payment_id AND p.amount_cents = -l.amount_cents)
                OR EXISTS (SELECT 1 FROM support_payout_batches b WHERE b.message_id = l.payment_id AND b.total_cents = -l.amount_cents))
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        let named = try await db.sql.raw(
            """
            SELECT DISTINCT a.number FROM fund_statement_lines l JOIN support_payouts p ON p.end_to_end_id = l.payment_id
            JOIN support_applications a ON a.id = p.application_id
            WHERE l.status = 'payout' AND a.erased_at IS NOT NULL AND (l.name_sealed IS NOT NULL OR l.text_sealed IS NOT NULL OR l.iban_last4 IS NOT NULL)
            """
        ).all().map { try $0.decode(column: "number", as: String.self) }
        var problems = named.sorted().map { "fund help: erased case \($0) still has a payee on its statement lines" }
        if asCost > 0 { problems.append("fund help: \(asCost) statement lines of the fund's own payouts are booked as bank costs") }
        return problems
    }
}
