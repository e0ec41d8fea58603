import KrachtCore
import Vapor

struct ApplyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
