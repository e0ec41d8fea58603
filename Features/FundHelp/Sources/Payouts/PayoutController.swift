import Fluent
import KrachtCore
import Vapor

/// The treasurer's payouts: what is granted and not paid, a payout per case, the SEPA file of
/// every pending transfer (and each earlier file again), and marking a transfer paid.
struct PayoutController: RouteCollection {
    struct PayoutForm: Content {
        var amount, method, payee, name, iban, remittance: String?
    }

    static let layout = FormLayout(
        id: "payout-form",
        [
            .field("amount", id: "payout-amount", label: "fundhelp.payouts.form.amount"),
            .field("method", id: "payout-method-transfer", label: "fundhelp.payouts.form.method"),
            .field("payee", id: "payout-payee-applicant", label: "fundhelp.payouts.form.payee"),
            .field("name", id: "payout-name", label: "fundhelp.payouts.form.name"),
            .field("iban", id: "payout-iban", label: "fundhelp.payouts.form.iban"),
            .field("remittance", id: "payout-remittance", label: "fundhelp.payouts.form.remittance"),
        ])

    func boot(routes: any RoutesBuilder) throws {
        let treasurer = routes.access(.role(.treasurer))
        treasurer.get(FundHelpPath.payouts, use: list)
        treasurer.get(FundHelpPath.adminPayout(.key), use: showForm)
        treasurer.post(FundHelpPath.adminPayout(.key), use: create)
        treasurer.post(FundHelpPath.payoutExport, use: export)
        treasurer.get(FundHelpPath.payoutBatch(.key), use: batch)
        treasurer.post(FundHelpPath.payoutPaid(.key), use: markPaid)
        try routes.register(collection: CancelGrantController())
    }

    private func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return id
    }

    func list(req: Request) async throws -> Response {
        let page = try await PayoutsPage.build(req)
        return try await req.render("fundhelp/payouts/list", titleKey: "fundhelp.payouts.title", page)
    }

    func showForm(req: Request) async throws -> Response {
        try await renderForm(req, caseID: try id(req), values: nil)
    }

    func create(req: Request) async throws -> Response {
        let caseID = try id(req)
        let form = req.decodeForm(PayoutForm.self) ?? PayoutForm()
        let input = CreatePayout.Input(
            amount: form.amount, method: form.method, payee: form.payee, name: form.name, iban: form.iban, remittance: form.remittance)
        let values = [
            "amount": form.amount ?? "", "method": form.method ?? "", "payee": form.payee ?? "", "name": form.name ?? "",
            "iban": form.iban ?? "", "remittance": form.remittance ?? "",
        ]
        switch try await CreatePayout(app: req.application).run(input, caseID: caseID, by: try req.requireUser(), language: req.language) {
        case .created: return Flash.redirect(req, to: FundHelpPath.payouts, messageKey: "fundhelp.payouts.created")
        case .paid: return Flash.redirect(req, to: FundHelpPath.payouts, messageKey: "fundhelp.payouts.paid_now")
        case .notGranted:
            let errors = FormErrors(summary: req.t("fundhelp.payouts.form.not_granted"), form: Self.layout.id)
            return try await renderForm(req, caseID: caseID, values: values, errors: errors, status: .conflict)
        case .invalid(let errors):
            return try await renderForm(req, caseID: caseID, values: values, errors: errors, status: .badRequest)
        }
    }

    func export(req: Request) async throws -> Response {
        switch try await ExportPayouts(app: req.application).run(by: try req.requireUser()) {
        case .nothingPending: return Flash.redirect(req, to: FundHelpPath.payouts, messageKey: "fundhelp.payouts.nothing_pending")
        case .exported(let file): return Self.download(file)
        }
    }

    func batch(req: Request) async throws -> Response {
        guard let file = try await ExportPayouts(app: req.application).again(try id(req), by: try req.requireUser()) else {
            throw Abort(.notFound)
        }
        return Self.download(file)
    }

    func markPaid(req: Request) async throws -> Response {
        switch try await MarkPayoutPaid(app: req.application).run(try id(req), by: try req.requireUser()) {
        case .paid: return Flash.redirect(req, to: FundHelpPath.payouts, messageKey: "fundhelp.payouts.marked_paid")
        case .notExported: return Flash.redirect(req, to: FundHelpPath.payouts, messageKey: "fundhelp.payouts.not_exported")
        case .notFound: throw Abort(.notFound)
        }
    }

    /// The file as a download the browser does not keep: it names people and their accounts.
    static func download(_ file: ExportPayouts.File) -> Response {
        let response = Response(status: .ok, body: .init(data: file.data))
        response.headers.replaceOrAdd(name: .contentType, value: "application/xml; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(file.fileName)\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }

    func renderForm(
        _ req: Request, caseID: UUID, values: [String: String]?, errors: FormErrors = FormErrors(), status: HTTPStatus = .ok
    ) async throws -> Response {
        guard let application = try await SupportApplication.find(caseID, on: req.db) else { throw Abort(.notFound) }
        var page = try await PayoutFormPage.build(application, values: values, req: req)
        if !errors.isEmpty { page.errors = errors.on(Self.layout, { req.t($0) }) }
        return try await req.render(
            "fundhelp/payouts/form", titleKey: "fundhelp.payouts.form.title", titleArguments: ["number": application.number], page,
            status: status, errors: errors)
    }
}
