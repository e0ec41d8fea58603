import Fluent
import Foundation
import KrachtCore
import SQLKit

/// Every plan's counters against their rows, in one grouped query per table: visible reactions,
/// supports, sign-ups, followers and accepted suggestions, per plan and per activity; versions
/// numbered 1…publishedVersion without gaps, each snapshot readable; replies one level deep.
enum PlansVerify {
    private struct PlanTally: Decodable {
        let plan_id: UUID
        let n: Int
    }
    private struct VersionTally: Decodable {
        let plan_id: UUID
        let n: Int
        let lowest: Int?
        let highest: Int?
    }
    private struct ActivityTally: Decodable {
        let id: UUID
        let title: String
        let counter: Int
        let n: Int
    }
    private struct Count: Decodable { let n: Int }

    static func problems(on db: any Database) async throws -> [String] {
        let plans = try await Plan.query(on: db).sort(\.$slug).all()
        let reactions = try await tally("SELECT plan_id, COUNT(*) AS n FROM plan_reactions WHERE status = 'visible' GROUP BY plan_id", db)
        let supports = try await tally("SELECT plan_id, COUNT(*) AS n FROM plan_supports GROUP BY plan_id", db)
        let signups = try await tally("SELECT plan_id, COUNT(*) AS n FROM plan_signups GROUP BY plan_id", db)
        let follows = try await tally("SELECT plan_id, COUNT(*) AS n FROM plan_follows GROUP BY plan_id", db)
        // `DecideSuggestion` counts an accepted suggestion once; a merged one is counted by the one it merged into.
        let accepted = try await tally("SELECT plan_id, COUNT(*) AS n FROM plan_suggestions WHERE status = 'accepted' GROUP BY plan_id", db)
        let versions = try await db.sql.raw(
            "SELECT plan_id, COUNT(*) AS n, MIN(number) AS lowest, MAX(number) AS highest FROM plan_versions GROUP BY plan_id"
        ).all(decoding: VersionTally.self)
        let versionsByPlan = Dictionary(versions.map { ($0.plan_id, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for plan in plans {
            let id = try plan.requireID()
            let name = "plan \(plan.slug)"
            for (field, counter, rows) in [
                ("reaction_count", plan.reactionCount, reactions[id] ?? 0), ("support_count", plan.supportCount, supports[id] ?? 0),
                ("signup_count", plan.signupCount, signups[id] ?? 0), ("follower_count", plan.followerCount, follows[id] ?? 0),
                ("accepted_suggestions", plan.acceptedSuggestions, accepted[id] ?? 0),
            ] where counter != rows {
                problems.append("\(name): \(field) is \(counter), its rows say \(rows)")
            }
            let v = versionsByPlan[id]
            let count = v?.n ?? 0
            if count != plan.publishedVersion || (count > 0 && (v?.lowest != 1 || v?.highest != plan.publishedVersion)) {
                problems.append(
                    "\(name): published_version is \(plan.publishedVersion), its versions are \(count) numbered "
                        + "\(v?.lowest ?? 0)…\(v?.highest ?? 0)")
            }
        }
        return try await problems + activityProblems(on: db) + snapshotProblems(plans, on: db) + threadProblems(on: db)
    }

    /// Activities whose support or sign-up counter is not their rows.
    private static func activityProblems(on db: any Database) async throws -> [String] {
        var problems: [String] = []
        for (column, table) in [("support_count", "plan_supports"), ("signup_count", "plan_signups")] {
            let wrong = try await db.sql.raw(
                """
                SELECT a.id, a.title, a.\(unsafeRaw: column) AS counter, COUNT(r.id) AS n FROM plan_activities a \
                LEFT JOIN \(unsafeRaw: table) r ON r.activity_id = a.id GROUP BY a.id, a.title, a.\(unsafeRaw: column) \
                HAVING a.\(unsafeRaw: column) <> COUNT(r.id) ORDER BY a.title
                """
            ).all(decoding: ActivityTally.self)
            problems += wrong.map { "activity \($0.id) (\($0.title)): \(column) is \($0.counter), its rows say \($0.n)" }
        }
        return problems
    }

    /// Every version's snapshot must decode: history, diffs and the API read nothing else.
    private static func snapshotProblems(_ plans: [Plan], on db: any Database) async throws -> [String] {
        let slugs = Dictionary(plans.compactMap { plan in plan.id.map { ($0, plan.slug) } }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for version in try await PlanVersion.query(on: db).sort(\.$planID).sort(\.$number).all() {
            do { _ = try version.snapshot() } catch {
                problems.append("plan \(slugs[version.planID] ?? version.planID.uuidString): version \(version.number) does not decode")
            }
        }
        return problems
    }

    /// Threads are one level deep: a reply's parent is never itself a reply, and is on the same plan.
    private static func threadProblems(on db: any Database) async throws -> [String] {
        let nested =
            try await db.sql.raw(
                """
                SELECT COUNT(*) AS n FROM plan_reactions r JOIN plan_reactions p ON p.id = r.parent_id \
                WHERE p.parent_id IS NOT NULL OR p.plan_id <> r.plan_id
                """
            ).first(decoding: Count.self)?.n ?? 0
        return nested == 0 ? [] : ["plan reactions: \(nested) replies answer a reply or another plan's reaction"]
    }

    private static func tally(_ sql: String, _ db: any Database) async throws -> [UUID: Int] {
        let rows = try await db.sql.raw(SQLQueryString(sql)).all(decoding: PlanTally.self)
        return Dictionary(rows.map { ($0.plan_id, $0.n) }, uniquingKeysWith: +)
    }
}
