import KrachtCore
import Vapor

struct StatusController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
