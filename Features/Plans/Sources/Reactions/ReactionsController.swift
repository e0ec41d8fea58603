import KrachtCore
import Vapor

/// Reacting to a section or an activity, withdrawing one's own, reporting, the section's discussion page and the house rules (helper R).
struct ReactionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
