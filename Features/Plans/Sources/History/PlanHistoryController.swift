import KrachtCore
import Vapor

/// A plan's history, an old version and the diff between two versions (helper M).
struct PlanHistoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
