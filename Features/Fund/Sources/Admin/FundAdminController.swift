import KrachtCore
import Vapor

struct FundAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
