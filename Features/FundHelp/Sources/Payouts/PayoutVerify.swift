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
                problems.append("fund help: case \(application.number) has paid_cents \(application.paidCents) but its paid payouts add up to \(paid)")
            }
            if application.paidCents > (application.grantedCents ?? 0) {
                problems.append("fund help: case \(application.number) paid \(application.paidCents) cents of a grant of \(application.grantedCents ?? 0)")
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
        return problems
    }
}
