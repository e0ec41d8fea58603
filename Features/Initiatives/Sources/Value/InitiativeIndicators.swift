import Fluent
import KrachtCore

/// OWNER: the value helper.
enum InitiativeIndicators {
    static let all: [Indicator] = []
    static let callsToAction: [CallToAction] = []
}
