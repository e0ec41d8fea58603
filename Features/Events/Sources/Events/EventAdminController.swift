import KrachtCore
import Vapor

/// Creating, editing (moving) and cancelling an event (stub: the events helper builds it).
struct EventAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
