import Fluent
import KrachtCore
import Vapor

/// OWNER: the value helper (stub until then).
struct HoursController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
