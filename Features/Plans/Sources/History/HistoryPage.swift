import Fluent
import Foundation
import KrachtCore
import Vapor

/// Every published version of a plan, newest first: its number, date, note, the accepted
/// suggestions it took up, and links to it and to what changed since the one before.
struct HistoryPage: Encodable {
    struct Row: Encodable {
        var number: Int
        var date: String
        var note: String
        var path: String
        /// What changed since the version before; nil for the first.
        var diffPath: String?
        var credits: VersionCredits
    }

    var title: String
    var planPath: String
    var versions: [Row]

    static func load(_ plan: Plan, req: Request) async throws -> HistoryPage {
        let slug = Parameter<String>.value(plan.slug)
        let planID = try plan.requireID()
        let versions = try await PlanVersion.query(on: req.db).filter(\.$planID == planID).sort(\.$number, .descending)
            .field(\.$id).field(\.$number).field(\.$publishedAt).field(\.$note).field(\.$planID).all()
        // Every version's credits at once: the page's query count does not grow with versions.
        let credits = try await SuggestionCredits.forPlan(planID: planID, on: req.db)
        var rows: [Row] = []
        for version in versions {
            rows.append(
                Row(
                    number: version.number, date: AmsterdamTime.date(version.publishedAt, in: req.language), note: version.note,
                    path: PlansPath.version(slug, number: .value(version.number)).path,
                    diffPath: version.number > 1 ? PlansPath.diff(slug, from: version.number - 1, to: version.number).path : nil,
                    credits: VersionCredits(credits: credits[version.number] ?? [])))
        }
        return HistoryPage(title: plan.title, planPath: PlansPath.plan(slug).path, versions: rows)
    }

    /// Version `number` of `plan`, or nil.
    static func version(_ plan: Plan, _ number: Int, on db: any Database) async throws -> PlanVersion? {
        guard number >= 1, number <= plan.publishedVersion else { return nil }
        return try await PlanVersion.query(on: db).filter(\.$planID == plan.requireID()).filter(\.$number == number).first()
    }
}

/// The context of `plans/_credits.leaf`.
struct VersionCredits: Encodable {
    var credits: [CreditView]
}
