import KrachtCore
import Vapor

struct ReferrerController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
