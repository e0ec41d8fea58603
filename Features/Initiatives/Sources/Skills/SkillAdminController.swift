import Fluent
import KrachtCore
import Vapor

/// OWNER: the actions helper (stub until then).
struct SkillAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
