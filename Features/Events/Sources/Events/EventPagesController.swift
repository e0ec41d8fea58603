import KrachtCore
import Vapor

/// The agenda, past events and the event page (stub: the events helper builds it).
struct EventPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
