import KrachtCore
import Vapor

struct GivingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
