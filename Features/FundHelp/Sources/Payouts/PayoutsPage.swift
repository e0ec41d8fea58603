import Fluent
import Foundation
import KrachtCore
import Vapor

/// The treasurer's list: granted cases with money left to pay, transfers waiting for a file,
/// transfers at the bank, the last month's paid and returned payouts, and the files. Payee
/// details are opened for the rows shown only, and each case they belong to logs a read.
struct PayoutsPage: Encodable {
    struct CaseRow: Encodable {
        var number, granted, paid, remaining, payPath, casePath: String
    }
    struct PayoutRow: Encodable {
        var number, amount, method, payee, name, iban, remittance, state, date, paidPath, casePath: String
    }
    struct BatchRow: Encodable {
        var date, count, total, path: String
    }

    var toPay: [CaseRow] = []
    var pending: [PayoutRow] = []
    var pendingTotal = ""
    var exported: [PayoutRow] = []
    var recent: [PayoutRow] = []
    var batches: [BatchRow] = []
    var exportPath = FundHelpPath.payoutExport.path

    static func build(_ req: Request) async throws -> PayoutsPage {
        let db = req.db
        let language = req.language
        let money = { (cents: Int64) in Money.format(cents: cents, in: language) }
        var page = PayoutsPage()
        let granted = try await SupportApplication.query(on: db).filter(\.$status == SupportApplication.Status.granted.rawValue)
            .sort(\.$decidedAt).limit(200).all()
        for application in granted {
            let remaining = try await PayoutSettlement.remainingCents(of: application, on: db)
            guard remaining > 0, let id = application.id else { continue }
            page.toPay.append(
                CaseRow(
                    number: application.number, granted: money(application.grantedCents ?? 0), paid: money(application.paidCents),
                    remaining: money(remaining), payPath: FundHelpPath.adminPayout(.value(id)).path,
                    casePath: FundHelpPath.adminCase(.value(id)).path))
        }
        let since = req.application.clock.now().addingTimeInterval(-30 * 86400)
        let open = try await SupportPayout.query(on: db)
            .filter(\.$state ~~ [SupportPayout.State.pending.rawValue, SupportPayout.State.exported.rawValue])
            .sort(\.$createdAt).limit(500).all()
        let done = try await SupportPayout.query(on: db)
            .filter(\.$state ~~ [SupportPayout.State.paid.rawValue, SupportPayout.State.returned.rawValue])
            .group(.or) { $0.filter(\.$paidAt >= since).filter(\.$returnedAt >= since) }
            .sort(\.$createdAt, .descending).limit(100).all()
        let shown = open + done
        let cases = try await SupportApplication.query(on: db).filter(\.$id ~~ Set(shown.map { $0.$application.id })).all()
        let byID = Dictionary(uniqueKeysWithValues: cases.map { ($0.id!, $0) })
        var read: Set<UUID> = []
        for payout in shown {
            guard let application = byID[payout.$application.id] else { continue }
            let payee = try payout.payeeSealed.map {
                try JSONDecoder().decode(
                    PayeeDetails.self, from: Data(req.application.fundSealer.open($0, context: ApplicantVault.Context.payee).utf8))
            }
            if payee != nil { read.insert(application.id!) }
            let state = SupportPayout.State(rawValue: payout.state) ?? .pending
            let row = PayoutRow(
                number: application.number, amount: money(payout.amountCents), method: req.t("fundhelp.payouts.method.\(payout.method)"),
                payee: payout.payee.map { req.t("fundhelp.payouts.payee.\($0)") } ?? "", name: payee?.name ?? "",
                iban: payee?.iban ?? "", remittance: payee?.remittance ?? "", state: req.t("fundhelp.payouts.state.\(payout.state)"),
                date: AmsterdamTime.date(state == .returned ? payout.returnedAt : payout.paidAt ?? payout.createdAt, in: language),
                paidPath: FundHelpPath.payoutPaid(.value(payout.id!)).path, casePath: FundHelpPath.adminCase(.value(application.id!)).path)
            switch state {
            case .pending: page.pending.append(row)
            case .exported: page.exported.append(row)
            case .paid, .returned, .cancelled: page.recent.append(row)
            }
        }
        page.pendingTotal = money(open.filter { $0.state == SupportPayout.State.pending.rawValue }.reduce(0) { $0 + $1.amountCents })
        let user = try req.requireUser()
        let now = req.application.clock.now()
        for application in cases where read.contains(application.id!) {
            try await CaseReads.record(application, by: user, role: .treasurer, what: "payout", at: now, on: db)
        }
        page.batches = try await SupportPayoutBatch.query(on: db).sort(\.$createdAt, .descending).limit(20).all().map {
            BatchRow(
                date: AmsterdamTime.date($0.createdAt, in: language), count: String($0.payoutCount), total: money($0.totalCents),
                path: FundHelpPath.payoutBatch(.value($0.id!)).path)
        }
        return page
    }
}
