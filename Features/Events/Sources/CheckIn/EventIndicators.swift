import KrachtCore
import Vapor

/// Attendance and "subscribers or attendees" (stub: the check-in helper).
enum EventIndicators {
    static var all: [Indicator] { [] }
    static var callsToAction: [CallToAction] { [] }
}
