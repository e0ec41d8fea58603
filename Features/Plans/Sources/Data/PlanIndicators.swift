import Fluent
import KrachtCore
import SQLKit
import Vapor

/// The plans' figures for the dashboard: reactions, supporters, accepted suggestions and people
/// signed up, over published plans. Sums of the maintained counters, or one distinct count each.
enum PlanIndicators {
    static var all: [Indicator] {
        [
            Indicator(key: "plan_reactions", unit: "reactions") { db in
                try await count("SELECT CAST(COALESCE(SUM(reaction_count), 0) AS BIGINT) AS n FROM plans WHERE published_version > 0", db)
            },
            Indicator(key: "plan_supporters", unit: "people") { db in
                try await count(
                    """
                    SELECT COUNT(DISTINCT s.user_id) AS n FROM plan_supports s JOIN plans p ON p.id = s.plan_id \
                    WHERE p.published_version > 0
                    """, db)
            },
            Indicator(key: "plan_suggestions_accepted", unit: "suggestions") { db in
                try await count(
                    "SELECT CAST(COALESCE(SUM(accepted_suggestions), 0) AS BIGINT) AS n FROM plans WHERE published_version > 0", db)
            },
            // Helping and organising alike: the plan's "people signed up to help".
            Indicator(key: "plan_helpers", unit: "people") { db in
                try await count(
                    """
                    SELECT COUNT(DISTINCT s.user_id) AS n FROM plan_signups s JOIN plans p ON p.id = s.plan_id \
                    WHERE p.published_version > 0
                    """, db)
            },
        ]
    }

    /// Those who signed up to organise an activity of a published plan (`ActiveOrganisers`
    /// counts each person once with the other features' organisers).
    static let activeOrganiserQuery = """
        SELECT s.user_id FROM plan_signups s JOIN plans p ON p.id = s.plan_id WHERE s.role = 'organise' AND p.published_version > 0
        """

    private struct Count: Decodable { let n: Int64? }

    private static func count(_ sql: String, _ db: any Database) async throws -> Int64 {
        try await db.sql.raw(SQLQueryString(sql)).first(decoding: Count.self)?.n ?? 0
    }
}
