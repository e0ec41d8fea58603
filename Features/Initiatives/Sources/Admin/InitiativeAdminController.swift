import Fluent
import KrachtCore
import Vapor

/// OWNER: the initiatives helper (stub until then).
struct InitiativeAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
