import KrachtCore
import Vapor

struct SupportFiguresController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
