import KrachtCore
import Vapor

/// Check-in by QR link and by name, the attendee list, walk-ins, the QR image (stub: the check-in helper).
struct CheckInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
