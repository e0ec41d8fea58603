import KrachtCore
import Vapor

struct DonorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
