import KrachtCore
import Vapor

/// Mollie's webhook for paid tickets (stub: the benefit helper).
struct TicketController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
