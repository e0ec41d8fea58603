import Fluent
import Foundation
import Fund
import KrachtCore

/// The help's indicators for the dashboard: the public figures' total, so an indicator never
/// shows what the figures hide (a count under 5, or a total that would give a small group away)
/// — a hidden figure, being a bare number here, reads 0.
enum SupportIndicators {
    static let all: [Indicator] = [
        Indicator(key: "fund_applications", unit: "applications") { db in try await total(on: db).applications ?? 0 },
        Indicator(key: "fund_grants", unit: "grants") { db in try await total(on: db).granted ?? 0 },
        Indicator(key: "fund_granted_cents", unit: "euro cents") { db in try await total(on: db).grantedCents ?? 0 },
    ]

    private static func total(on db: any Database) async throws -> SupportFigures.Shown {
        try await SupportFigures.read(at: Date(), on: db).shown().total
    }
}
