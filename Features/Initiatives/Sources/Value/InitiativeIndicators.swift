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
        // Organisers of other features' work (plan activities) count too: `ActiveOrganisers`.
        Indicator.fromApp(key: "active_organisers", unit: "people") { app in try await ActiveOrganisers.count(app) },
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

    /// People organising a public initiative (`Feature.activeOrganiserQueries`).
    static let activeOrganiserQuery = """
        SELECT o.user_id FROM initiative_organisers o JOIN initiatives i ON i.id = o.initiative_id \
        WHERE i.status IN ('approved', 'archived')
        """
}
