import Fluent
import KrachtCore
import Vapor

/// OWNER: the matching helper (stub until then).
struct ForYouController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
