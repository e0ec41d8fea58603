import Fluent
import Fund
import KrachtCore
import Vapor

/// The treasurer's list of paid tickets owed back, each with a "refunded" button
/// (`RefundTicket`): paid back through Mollie when it is configured, booked once either way.
struct RefundsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let treasurer = routes.access(.role(.treasurer))
        treasurer.get(EventsPath.refunds, use: list)
        treasurer.post(EventsPath.refundTicket(.key), use: refund)
    }

    struct Page: Encodable {
        struct Row: Encodable {
            var event, when, name, status, amount: String
            var paymentID: String?
            var action: String
        }
        var rows: [Row]
        var more: Bool
        var mollie: Bool
    }

    static let maxRows = 200

    func list(req: Request) async throws -> Response {
        let due = try await TicketRefunds.due(limit: Self.maxRows + 1, on: req.db)
        let events = try await Event.query(on: req.db).filter(\.$id ~~ Set(due.map(\.eventID))).all()
        let byID = Dictionary(events.compactMap { event in event.id.map { ($0, event) } }, uniquingKeysWith: { first, _ in first })
        let language = req.language
        let rows = try due.prefix(Self.maxRows).map { registration in
            let event = byID[registration.eventID]
            return Page.Row(
                event: event?.title ?? "—", when: event.map { EventWords.when($0.startsAt, in: language) } ?? "",
                name: registration.name, status: req.t("events.registration.status.\(registration.status.rawValue)"),
                amount: Money.format(cents: registration.refundDueCents ?? 0, in: language), paymentID: registration.paymentID,
                action: EventsPath.refundTicket(.value(try registration.requireID())).path)
        }
        let page = Page(rows: rows, more: due.count > Self.maxRows, mollie: req.application.fundSettings.mollieAPIKey != nil)
        return try await req.render("events/refunds", titleKey: "events.refunds.title", page)
    }

    func refund(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        let key: String
        switch try await RefundTicket(app: req.application).run(id, by: try req.requireUser()) {
        case .refunded: key = "events.refunds.flash.refunded"
        case .alreadyRefunded: key = "events.refunds.flash.already"
        case .notDue: key = "events.refunds.flash.not_due"
        case .mollieFailed(let temporary): key = temporary ? "events.refunds.flash.mollie_down" : "events.refunds.flash.mollie_refused"
        }
        return Flash.redirect(req, to: EventsPath.refunds, messageKey: key)
    }
}
