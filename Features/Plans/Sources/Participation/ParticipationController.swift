import KrachtCore
import Vapor

/// Support, sign-ups to help or organise, the activity page, and the coordinators' list of sign-ups with a message to them (helper S).
struct ParticipationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
