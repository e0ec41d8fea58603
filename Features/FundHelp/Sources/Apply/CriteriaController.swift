import KrachtCore
import Vapor

struct CriteriaController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
