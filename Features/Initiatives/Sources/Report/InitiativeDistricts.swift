import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// The dashboard's bars per district for initiatives: public initiatives (approved or archived,
/// as the `initiatives` indicator counts them) per district, and of those under the movement's
/// flag for `initiatives_under_flag`. A city-wide initiative (no district) is in no district's
/// bar, so the bars sum to the indicator less the city-wide ones. `people_connected` has no
/// breakdown: a connection between two people has no district.
enum InitiativeDistricts {
    /// The indicator with its breakdown, where it has one.
    static func adding(_ indicator: Indicator) -> Indicator {
        var indicator = indicator
        switch indicator.key {
        case "initiatives": indicator.byDistrict = { app in try await count(underFlagOnly: false, on: app.db) }
        case "initiatives_under_flag": indicator.byDistrict = { app in try await count(underFlagOnly: true, on: app.db) }
        default: break
        }
        return indicator
    }

    static func count(underFlagOnly: Bool, on db: any Database) async throws -> [String: Int64] {
        let flag: SQLQueryString = underFlagOnly ? " AND under_flag = \(bind: true)" : ""
        var counts: [String: Int64] = [:]
        for row in try await db.sql.raw(
            """
            SELECT district, COUNT(*) AS n FROM initiatives WHERE status IN ('approved', 'archived') AND district IS NOT NULL\(flag)
            GROUP BY district
            """
        ).all() {
            counts[try row.decode(column: "district", as: String.self)] = try row.decode(column: "n", as: Int64.self)
        }
        return counts
    }
}
