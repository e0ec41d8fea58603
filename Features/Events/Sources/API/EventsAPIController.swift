import KrachtCore
import Vapor

/// `/api/v1/events` (stub: the events helper).
struct EventsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}

enum EventsAPI {
    static func paths() -> [String: JSONValue] { [:] }
}
