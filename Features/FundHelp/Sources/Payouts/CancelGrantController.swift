import Fluent
import KrachtCore
import Vapor

/// The committee's "cancel what is left of the grant": a page that says what would go and asks
/// why (GET), and the cancellation (POST). Registered by `PayoutController`.
struct CancelGrantController: RouteCollection {
    struct Form: Content { var reason: String? }
    struct Option: Encodable {
        var value, label: String
        var selected: Bool
    }
    struct Page: Encodable {
        var number, granted, paid, remaining: String
        var canCancel: Bool
        var reasons: [Option]
        var errors = FormErrors()
        var formPath, casePath: String
    }

    static let layout = FormLayout(
        id: "cancel-grant-form", [.field("reason", id: "cancel-grant-reason-unreachable", label: "fundhelp.cancel_grant.reason")])

    func boot(routes: any RoutesBuilder) throws {
        let committee = routes.access(.role(.fundCommittee))
        committee.get(FundHelpPath.adminCancelGrant(.key), use: show)
        committee.post(FundHelpPath.adminCancelGrant(.key), use: cancel)
    }

    private func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return id
    }

    func show(req: Request) async throws -> Response { try await render(req, id(req), reason: nil) }

    func cancel(req: Request) async throws -> Response {
        let caseID = try id(req)
        let reason = req.decodeForm(Form.self)?.reason
        let summary: String
        switch try await CancelGrantRest(app: req.application).run(caseID, reason: reason, by: try req.requireUser()) {
        case .cancelled: return Flash.redirect(req, to: FundHelpPath.adminCase(.value(caseID)), messageKey: "fundhelp.cancel_grant.done")
        case .notFound: throw Abort(.notFound)
        case .noReason:
            var errors = FormErrors()
            errors.add("reason", req.t("fundhelp.cancel_grant.error.reason"))
            return try await render(req, caseID, reason: reason, errors: errors, status: .badRequest)
        case .atTheBank: summary = req.t("fundhelp.cancel_grant.error.at_the_bank")
        case .nothingLeft, .notGranted, .cancelledBefore: summary = req.t("fundhelp.cancel_grant.error.nothing_left")
        }
        let errors = FormErrors(summary: summary, form: Self.layout.id)
        return try await render(req, caseID, reason: reason, errors: errors, status: .conflict)
    }

    func render(
        _ req: Request, _ caseID: UUID, reason: String?, errors: FormErrors = FormErrors(), status: HTTPStatus = .ok
    ) async throws -> Response {
        guard let application = try await SupportApplication.find(caseID, on: req.db) else { throw Abort(.notFound) }
        let money = { (cents: Int64) in Money.format(cents: cents, in: req.language) }
        let remaining = try await PayoutSettlement.remainingCents(of: application, on: req.db)
        var page = Page(
            number: application.number, granted: money(application.grantedCents ?? 0), paid: money(application.paidCents),
            remaining: money(remaining), canCancel: application.statusValue == .granted && remaining > 0,
            reasons: CancelGrantRest.Reason.allCases.map {
                Option(value: $0.rawValue, label: req.t("fundhelp.cancel_grant.reason.\($0.rawValue)"), selected: reason == $0.rawValue)
            },
            formPath: FundHelpPath.adminCancelGrant(.value(caseID)).path, casePath: FundHelpPath.adminCase(.value(caseID)).path)
        if !errors.isEmpty { page.errors = errors.on(Self.layout, { req.t($0) }) }
        return try await req.render(
            "fundhelp/payouts/cancel-grant", titleKey: "fundhelp.cancel_grant.title", titleArguments: ["number": application.number], page,
            status: status, errors: errors)
    }
}
