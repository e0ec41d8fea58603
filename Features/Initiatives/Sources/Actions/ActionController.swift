import Fluent
import KrachtCore
import Vapor

/// OWNER: the actions helper (stub until then).
struct ActionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
