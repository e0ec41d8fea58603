import Fluent
import KrachtCore
import Vapor

/// OWNER: the digest helper (stub until then).
struct DigestController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
