import KrachtCore
import Vapor

struct StatementController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
