import KrachtCore
import Vapor

struct TransparencyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
