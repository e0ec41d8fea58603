import KrachtCore
import Vapor

/// An event's `.ics`, the public feeds and the private feed (stub: the calendar helper).
struct CalendarController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
