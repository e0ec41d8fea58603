import KrachtCore
import Vapor

/// Proposing a new activity or another text, the list, one suggestion with its diff, and the coordinators' decision (helper G).
struct SuggestionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
