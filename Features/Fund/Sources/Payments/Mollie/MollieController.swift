import KrachtCore
import Vapor

struct MollieController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
