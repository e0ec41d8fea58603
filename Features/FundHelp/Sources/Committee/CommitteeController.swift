import KrachtCore
import Vapor

struct CommitteeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
