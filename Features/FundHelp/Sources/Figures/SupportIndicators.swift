import Fluent
import Fund
import KrachtCore
import SQLKit

/// The help's indicators for the dashboard. An indicator is a bare number, so a count under 5
/// (and the amount of fewer than 5 grants) reads 0 rather than the small number itself.
enum SupportIndicators {
    static let all: [Indicator] = [
        Indicator(key: "fund_applications", unit: "applications") { db in
            SmallCount.shown(try await count("1 = 1", on: db)) ?? 0
        },
        Indicator(key: "fund_grants", unit: "grants") { db in
            SmallCount.shown(try await count(granted, on: db)) ?? 0
        },
        Indicator(key: "fund_granted_cents", unit: "euro cents") { db in
            guard SmallCount.shown(try await count(granted, on: db)) != nil else { return 0 }
            let row = try await db.sql.raw(
                "SELECT CAST(SUM(granted_cents) AS BIGINT) AS cents FROM support_applications WHERE \(unsafeRaw: granted)"
            ).first()
            return try row?.decode(column: "cents", as: Int64?.self) ?? 0
        },
    ]

    private static let granted = "status IN ('granted', 'paid')"

    private static func count(_ condition: String, on db: any Database) async throws -> Int64 {
        let row = try await db.sql.raw("SELECT COUNT(*) AS n FROM support_applications WHERE \(unsafeRaw: condition)").first()
        return try row?.decode(column: "n", as: Int64.self) ?? 0
    }
}
