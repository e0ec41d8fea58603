import KrachtCore
import Vapor

struct PayoutController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
