import KrachtCore
import Vapor

/// Following a plan, the digest's one-click unsubscribe, and my plans page (helper N).
struct FollowController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
