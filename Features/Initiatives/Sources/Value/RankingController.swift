import Fluent
import KrachtCore
import Vapor

/// OWNER: the value helper (stub until then).
struct RankingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
