import KrachtCore
import Vapor

/// Published plans and their versions under /api/v1 (helper D).
struct PlansAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
