import Fluent
import KrachtCore
import Vapor

/// The queue: credits on the statement that found no gift. The treasurer assigns each to the
/// gift whose reference they found, books it as an anonymous gift (after confirming), or marks
/// it as the fund's own money (a Mollie payout, cash paid in).
struct QueueController: RouteCollection {
    struct DecisionForm: Content {
        var action: String?
        var reference: String?
        var confirmed: String?
    }
    struct Row: Encodable {
        var id: String
        var path: String
        var day, amount, name, account: String
        /// The structured reference, when the line had one.
        var reference: String?
        var text, reason: String
        var error: String?
        var value: String
        /// This line's anonymous booking waits for the treasurer's second click.
        var confirming = false
    }
    struct Page: Encodable {
        var rows: [Row]
        var countText: String
        var errors = FormErrors()
        var hasErrors: Bool
        var adminPath = FundPath.admin.path
        var importPath = FundPath.adminImport.path
        var queuePath = FundPath.adminQueue.path
    }

    func boot(routes: any RoutesBuilder) throws {
        let treasurer = routes.access(.role(.treasurer))
        treasurer.get(FundPath.adminQueue, use: show)
        treasurer.post(FundPath.adminQueueLine(.key), use: decide)
    }

    func show(req: Request) async throws -> Response { try await render(req) }

    func decide(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let form = req.decodeForm(DecisionForm.self)
        let decision: HandleQueuedLine.Decision
        switch form?.action {
        case "assign": decision = .assign(reference: form?.reference ?? "")
        case "anonymous" where form?.confirmed == "yes": decision = .anonymous
        // The first click on "anonymous gift" asks again: a gift cannot be undone from here.
        case "anonymous": return try await render(req, confirming: id)
        case "mollie": decision = .transfer(from: .mollie)
        case "cash": decision = .transfer(from: .cash)
        default: return try await render(req, failed: id, key: "fund.queue.error.action", typed: form?.reference, status: .badRequest)
        }
        switch try await HandleQueuedLine(app: req.application).run(id, decision, by: user) {
        case .assigned: return Flash.redirect(req, to: FundPath.adminQueue, messageKey: "fund.queue.assigned")
        case .booked: return Flash.redirect(req, to: FundPath.adminQueue, messageKey: "fund.queue.booked")
        case .transferred: return Flash.redirect(req, to: FundPath.adminQueue, messageKey: "fund.queue.transferred")
        case .alreadyHandled: return Flash.redirect(req, to: FundPath.adminQueue, messageKey: "fund.queue.already_handled")
        case .notFound: throw Abort(.notFound)
        case .invalidReference:
            return try await render(req, failed: id, key: "fund.queue.error.invalid_reference", typed: form?.reference, status: .badRequest)
        case .unknownReference:
            return try await render(req, failed: id, key: "fund.queue.error.unknown_reference", typed: form?.reference, status: .badRequest)
        case .giftNotOpen:
            return try await render(req, failed: id, key: "fund.queue.error.not_open", typed: form?.reference, status: .conflict)
        }
    }

    func render(
        _ req: Request, failed: UUID? = nil, key: String? = nil, typed: String? = nil, confirming: UUID? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let query = StatementLineRecord.query(on: req.db).filter(\.$status == StatementLineRecord.Status.queued.rawValue)
        let total = try await query.count()
        let lines = try await query.sort(\.$bookingDay).sort(\.$createdAt).limit(100).all()
        let sealer = req.application.sealer
        var errors = FormErrors()
        let rows = lines.map { line -> Row in
            let id = line.id!.uuidString
            let message = line.id == failed ? key.map { req.t($0) } : nil
            if let message { errors.add("reference-\(id)", message) }
            return Row(
                id: id, path: FundPath.adminQueueLine(.value(line.id!)).path,
                day: AmsterdamTime.date(StatementMatching.noon(of: line.bookingDay), in: req.language),
                amount: Money.format(cents: line.amountCents, in: req.language),
                name: line.nameSealed.flatMap { try? sealer.open($0, context: "fund_statement_lines.name") } ?? "",
                account: line.ibanLast4.map { "…" + $0 } ?? "", reference: line.reference,
                text: line.textSealed.flatMap { try? sealer.open($0, context: "fund_statement_lines.text") } ?? "",
                reason: req.t("fund.queue.reason.\(line.reason ?? "no_reference")"), error: message,
                value: line.id == failed ? typed ?? "" : "", confirming: line.id == confirming)
        }
        if let failed, !rows.contains(where: { $0.id == failed.uuidString }) {
            // Handled meanwhile: the page says so instead of the form.
            errors = FormErrors(summary: req.t("fund.queue.already_handled"))
        }
        let page = Page(rows: rows, countText: req.t("fund.queue.count", count: total), errors: errors, hasErrors: !errors.isEmpty)
        return try await req.render(
            "fund/admin/queue", titleKey: "fund.queue.title", page, status: status, errors: key == nil ? nil : errors)
    }
}
