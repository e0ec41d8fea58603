import Fluent
import KrachtCore
import Vapor

/// OWNER: the ideas helper (stub until then).
struct IdeasController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
