import KrachtCore
import Vapor

/// New and changed series and a district's meetups page (stub: the series helper builds it).
struct SeriesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
