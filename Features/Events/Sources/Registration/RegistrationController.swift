import KrachtCore
import Vapor

/// Registering, a registration's page, confirming, cancelling, my events (stub: the registration helper).
struct RegistrationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
