import KrachtCore
import Vapor

/// The plan list, a plan's latest version, its history, an old version and the diff (helper E; history and diff pages helper M).
struct PlanPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
