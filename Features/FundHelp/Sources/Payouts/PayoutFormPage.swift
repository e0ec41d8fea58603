import Fluent
import Foundation
import KrachtCore
import Vapor

/// The form to pay one granted case: the amount left (prefilled), how, and for a transfer to
/// whom. The applicant's own account (from what they told the fund) is prefilled, so opening the
/// form is a logged read of the case.
struct PayoutFormPage: Encodable {
    struct Option: Encodable {
        var value, label: String
        var selected: Bool
    }
    struct Earlier: Encodable {
        var date, amount, method, state: String
    }

    var number: String
    var granted, paid, remaining: String
    /// Whether anything is left to pay: otherwise the page says so and shows no form.
    var canPay: Bool
    var values: [String: String]
    var methods: [Option] = []
    var payees: [Option] = []
    var earlier: [Earlier] = []
    var errors = FormErrors()
    var formPath, casePath: String
    var listPath = FundHelpPath.payouts.path

    static func build(_ application: SupportApplication, values typed: [String: String]?, req: Request) async throws -> PayoutFormPage {
        let language = req.language
        let money = { (cents: Int64) in Money.format(cents: cents, in: language) }
        let remaining = try await PayoutSettlement.remainingCents(of: application, on: req.db)
        let canPay = application.statusValue == .granted && remaining > 0
        let id = try application.requireID()
        var values = typed ?? [:]
        if typed == nil, canPay {
            values = ["amount": Money.format(cents: remaining, in: language), "method": "transfer", "payee": "applicant"]
            let sealer = req.application.fundSealer
            let details = try ApplicantDetails.open(application, sealer: sealer)
            let name = try application.nameSealed.map { try sealer.open($0, context: ApplicantVault.Context.name) }
            values["name"] = details?.accountHolder ?? name ?? ""
            values["iban"] = details?.iban ?? ""
            try await CaseReads.record(
                application, by: try req.requireUser(), role: .treasurer, what: "payout", at: req.application.clock.now(), on: req.db)
        }
        var page = PayoutFormPage(
            number: application.number, granted: money(application.grantedCents ?? 0), paid: money(application.paidCents),
            remaining: money(remaining), canPay: canPay, values: values, formPath: FundHelpPath.adminPayout(.value(id)).path,
            casePath: FundHelpPath.adminCase(.value(id)).path)
        page.methods = SupportPayout.Method.allCases.map {
            Option(
                value: $0.rawValue, label: req.t("fundhelp.payouts.form.method.\($0.rawValue)"), selected: values["method"] == $0.rawValue)
        }
        page.payees = SupportPayout.Payee.allCases.map {
            Option(value: $0.rawValue, label: req.t("fundhelp.payouts.form.payee.\($0.rawValue)"), selected: values["payee"] == $0.rawValue)
        }
        page.earlier = try await SupportPayout.query(on: req.db).filter(\.$application.$id == id).sort(\.$createdAt).all().map {
            Earlier(
                date: AmsterdamTime.date($0.createdAt, in: language), amount: money($0.amountCents),
                method: req.t("fundhelp.payouts.method.\($0.method)"), state: req.t("fundhelp.payouts.state.\($0.state)"))
        }
        return page
    }
}
