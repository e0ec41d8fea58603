import Fluent
import KrachtCore
import SQLKit
import Vapor

/// The plan's figures from initiatives: read from the maintained totals row, plus one distinct
/// count of organisers. Keys match `targets-2025.csv` where the plan sets a target.
enum InitiativeIndicators {
    static let all: [Indicator] = [
        Indicator(key: "initiatives", unit: "initiatives") { db in try await InitiativeTotals.current(on: db).publicInitiatives },
        // The home page shows three figures of the manifesto and the fund; these two fit beside them.
        Indicator(key: "initiatives_under_flag", unit: "initiatives", headlineOrder: 5) { db in
            try await InitiativeTotals.current(on: db).underFlag
        },
        Indicator(key: "people_connected", unit: "people", headlineOrder: 4) { db in
            try await InitiativeTotals.current(on: db).peopleConnected
        },
        Indicator(key: "active_organisers", unit: "people") { db in try await activeOrganisers(on: db) },
        Indicator(key: "volunteer_minutes", unit: "minutes") { db in try await InitiativeTotals.current(on: db).confirmedMinutes },
        Indicator.fromApp(key: "volunteer_value_cents", unit: "euro cents") { app in
            VolunteerValue.cents(
                minutes: try await InitiativeTotals.current(on: app.db).confirmedMinutes, hourCents: app.reference.volunteerHourCents)
        },
    ]

    /// "Vind waar je past": the matching page is the matching feature's, which this one cannot
    /// name; browsing initiatives is where it starts without it. Its figures are among the headline
    /// ones (a figure beside the button would move it out of the headline order).
    static let callsToAction: [CallToAction] = [
        CallToAction(textKey: "initiatives.cta.find", path: InitiativesPath.browse().path, order: 30)
    ]

    private struct Count: Decodable { let n: Int64 }

    /// Distinct people organising a public initiative.
    static func activeOrganisers(on db: any Database) async throws -> Int64 {
        try await db.sql.raw(
            """
            SELECT COUNT(DISTINCT o.user_id) AS n FROM initiative_organisers o JOIN initiatives i ON i.id = o.initiative_id \
            WHERE i.status IN ('approved', 'archived')
            """
        ).first(decoding: Count.self)?.n ?? 0
    }
}
