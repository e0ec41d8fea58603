import KrachtCore
import Vapor

/// The plan list, a plan's latest version and an activity's page (helper E).
struct PlanPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
