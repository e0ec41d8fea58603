import KrachtCore
import Vapor

/// Held reactions and the log of decisions (helper R).
struct ModerationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
