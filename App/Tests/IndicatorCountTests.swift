import Dashboard
import Fluent
import Foundation
import Fund
import KrachtApp
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTVapor
import XCTest

/// Issue #14: every indicator equals a direct count of its source after a mixed scenario in
/// every feature (each feature's demo, as `kracht demo` seeds it, and actions through real
/// commands). The counts below are written from each indicator's definition as SQL on the
/// source tables, not through the features' counters or functions; an indicator without a count
/// here fails the test, so a new one cannot slip through.
final class IndicatorCountTests: XCTestCase {
    func testEveryIndicatorEqualsADirectCountOfItsSource() async throws {
        try await withApp(features: AppFixture.features) { app in
            // setup: every feature's demo, then a gift in cash recorded by the treasurer
            let people = try await DemoPeople.create(app: app)
            for feature in app.features { try await feature.seedDemo(app: app, people: people) }
            let treasurer = try await app.makeUser(email: "penningmeester-telling@example.nl", roles: [.treasurer])
            let today = AmsterdamTime.day(app.clock.now())
            let outcome = try await RecordCash(app: app).run(
                .init(
                    amount: "42,50", day: today, kind: "cash", source: "event", campaign: nil, donorName: nil,
                    note: "Collecte buurtavond", formID: UUID().uuidString), by: treasurer, language: .nl)
            guard case .recorded = outcome else { return XCTFail("\(outcome)") }
            app.indicators.invalidate()

            // MUT
            let indicators = app.features.flatMap { $0.indicators() }
            var values: [String: Int64] = [:]
            for indicator in indicators { values[indicator.key] = try await indicator.value(app) }
            let counts = try await Self.directCounts(app)

            // validation
            XCTAssertGreaterThan(indicators.count, 20)
            // every indicator of the policy plan that the dashboard shows is computed by a feature, in the plan's unit
            for plan in DashboardBoard.planKeys {
                let indicator = indicators.first { $0.key == plan.key }
                XCTAssertEqual(indicator?.unit, plan.unit, "plan indicator \(plan.key): no feature computes it in \(plan.unit)")
            }
            for indicator in indicators {
                guard let expected = counts[indicator.key] else {
                    XCTFail("indicator \(indicator.key) has no direct count in IndicatorCountTests")
                    continue
                }
                XCTAssertEqual(values[indicator.key], expected, indicator.key)
            }
            // the scenario is not empty: most figures are above zero
            let nonZero = counts.values.filter { $0 > 0 }.count
            XCTAssertGreaterThanOrEqual(nonZero, counts.count / 2, "\(counts)")
            XCTAssertGreaterThan(counts["fund_raised_cents"] ?? 0, 4_250)
        }
    }

    private struct N: Decodable { let n: Int64? }

    private static func n(_ sql: SQLQueryString, _ app: Application) async throws -> Int64 {
        try await app.db.sql.raw(sql).first(decoding: N.self)?.n ?? 0
    }

    /// Each indicator's figure, counted on its tables from what the indicator means.
    static func directCounts(_ app: Application) async throws -> [String: Int64] {
        var counts: [String: Int64] = [:]
        // Manifesto: confirmed signatures, online and on paper.
        counts["manifesto_signatures"] = try await n("SELECT COUNT(*) AS n FROM signatures WHERE status = 'confirmed'", app)

        // Fund: everyone who gave; donations in minus refunds out (credits are negative in the ledger).
        counts["fund_donors"] = try await n("SELECT COUNT(*) AS n FROM fund_donors", app)
        counts["fund_raised_cents"] =
            -(try await n(
                "SELECT CAST(COALESCE(SUM(cents), 0) AS BIGINT) AS n FROM fund_ledger_lines WHERE account LIKE 'donations:%' OR account = 'refunds'",
                app))

        // Fund help: the public total of the applications, grants and granted amounts; a count
        // under 5 is hidden (0 here), and so is the total when the hidden categories hold 1 to 4.
        struct Category: Decodable {
            let applications: Int64
            let granted: Int64
            let granted_cents: Int64?
        }
        let categories = try await app.db.sql.raw(
            """
            SELECT category, COUNT(*) AS applications, \
            CAST(SUM(CASE WHEN status IN ('granted', 'paid') THEN 1 ELSE 0 END) AS BIGINT) AS granted, \
            CAST(SUM(COALESCE(granted_cents, 0)) AS BIGINT) AS granted_cents \
            FROM support_applications GROUP BY category
            """
        ).all(decoding: Category.self)
        func publicTotal(_ count: KeyPath<Category, Int64>) -> Bool {
            let hidden = categories.map { $0[keyPath: count] }.filter { $0 < 5 }.reduce(0, +)
            let total = categories.map { $0[keyPath: count] }.reduce(0, +)
            return !(1...4).contains(hidden) && total >= 5
        }
        let applications = categories.map(\.applications).reduce(0, +)
        let grants = categories.map(\.granted).reduce(0, +)
        counts["fund_applications"] = publicTotal(\.applications) ? applications : 0
        counts["fund_grants"] = publicTotal(\.granted) ? grants : 0
        counts["fund_granted_cents"] = publicTotal(\.granted) ? categories.map { $0.granted_cents ?? 0 }.reduce(0, +) : 0

        // Initiatives: public ones (approved or archived), those under the movement's flag,
        // people connected, confirmed volunteer minutes and their value at the reference rate.
        counts["initiatives"] = try await n("SELECT COUNT(*) AS n FROM initiatives WHERE status IN ('approved', 'archived')", app)
        counts["initiatives_under_flag"] = try await n(
            "SELECT COUNT(*) AS n FROM initiatives WHERE status IN ('approved', 'archived') AND under_flag = \(bind: true)", app)
        counts["people_connected"] = try await n("SELECT COUNT(*) AS n FROM initiative_connections", app)
        let minutes = try await n(
            "SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT) AS n FROM volunteer_hours WHERE state = 'confirmed'", app)
        counts["volunteer_minutes"] = minutes
        let hour = app.reference.volunteerHourCents
        counts["volunteer_value_cents"] = minutes > 0 && hour > 0 ? (minutes * hour + 30) / 60 : 0
        // Organisers of a public initiative or of an activity of a published plan, each once.
        counts["active_organisers"] = try await n(
            """
            SELECT COUNT(*) AS n FROM (\
            SELECT o.user_id FROM initiative_organisers o JOIN initiatives i ON i.id = o.initiative_id \
            WHERE i.status IN ('approved', 'archived') \
            UNION SELECT s.user_id FROM plan_signups s JOIN plans p ON p.id = s.plan_id \
            WHERE s.role = 'organise' AND p.published_version > 0) AS organisers
            """, app)

        // Plans (published ones): visible reactions, supporters and helpers once each, accepted suggestions.
        func onPublishedPlans(_ count: String, from table: String, _ condition: String = "") async throws -> Int64 {
            try await n(
                """
                SELECT \(unsafeRaw: count) AS n FROM \(unsafeRaw: table) x JOIN plans p ON p.id = x.plan_id \
                WHERE p.published_version > 0\(unsafeRaw: condition)
                """, app)
        }
        counts["plan_reactions"] = try await onPublishedPlans("COUNT(*)", from: "plan_reactions", " AND x.status = 'visible'")
        counts["plan_supporters"] = try await onPublishedPlans("COUNT(DISTINCT x.user_id)", from: "plan_supports")
        counts["plan_suggestions_accepted"] = try await onPublishedPlans("COUNT(*)", from: "plan_suggestions", " AND x.status = 'accepted'")
        counts["plan_helpers"] = try await onPublishedPlans("COUNT(DISTINCT x.user_id)", from: "plan_signups")

        // Events: everyone checked in with their guests; people reached — each mailbox once over
        // newsletter subscribers and people with a confirmed place or a check-in, plus walk-ins
        // without an address, each with their guests.
        counts["event_attendees"] = try await n(
            "SELECT CAST(COALESCE(SUM(1 + guests), 0) AS BIGINT) AS n FROM event_registrations WHERE checked_in_at IS NOT NULL", app)
        let mailboxes = try await n(
            """
            SELECT COUNT(*) AS n FROM (\
            SELECT mailbox FROM newsletter_subscribers WHERE status = 'confirmed' \
            UNION SELECT email_key FROM event_registrations \
            WHERE email_key <> '' AND (status = 'confirmed' OR checked_in_at IS NOT NULL)) AS reached
            """, app)
        let walkIns = try await n(
            """
            SELECT CAST(COALESCE(SUM(1 + guests), 0) AS BIGINT) AS n FROM event_registrations \
            WHERE email_key = '' AND (status = 'confirmed' OR checked_in_at IS NOT NULL)
            """, app)
        counts["subscribers_or_attendees"] = mailboxes + walkIns

        // Communication: confirmed subscribers; stories published with consent and none withdrawn;
        // campaigns of a kind running in the target year and begun by today; partners today.
        counts["newsletter_subscribers"] = try await n("SELECT COUNT(*) AS n FROM newsletter_subscribers WHERE status = 'confirmed'", app)
        counts["stories_published"] = try await n(
            """
            SELECT COUNT(*) AS n FROM story_stories s WHERE s.status = 'published' \
            AND EXISTS (SELECT 1 FROM story_consents c WHERE c.story_id = s.id) \
            AND NOT EXISTS (SELECT 1 FROM story_consents c WHERE c.story_id = s.id AND c.withdrawn_at IS NOT NULL)
            """, app)
        let year = try await app.indicatorTargets(app).year
        let today = AmsterdamTime.day(app.clock.now())
        let begun = min(today, "\(year)-12-31")
        for kind in ["storytelling", "media"] {
            counts["\(kind)_campaigns"] = try await n(
                """
                SELECT COUNT(*) AS n FROM campaign_register WHERE kind = \(bind: kind) AND starts_on <= \(bind: begun) \
                AND (ends_on IS NULL OR ends_on >= \(bind: "\(year)-01-01"))
                """, app)
        }
        counts["partnerships"] = try await n(
            """
            SELECT COUNT(*) AS n FROM partner_register WHERE since <= \(bind: today) \
            AND (ended_on IS NULL OR ended_on >= \(bind: today))
            """, app)
        return counts
    }
}
