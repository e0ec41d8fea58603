import Fluent
import Foundation
import KrachtCore
import Vapor

/// What changed between two versions (`van`, `tot`; the last two by default), with a form of two
/// selects that works without JavaScript. A number that is not a version is said on the page.
struct DiffPage: Encodable {
    struct Choice: Encodable {
        var number: Int
        var label: String
        var fromSelected, toSelected: Bool
    }

    var title: String
    var action: String
    var choices: [Choice]
    var from, to: Int?
    /// A translated sentence when no diff can be shown (bad number, same version, one version).
    var problem: String?
    /// The address asked for a version that is not there.
    var badInput = false
    var diff: PlanDiffView?
    var fromPath, toPath, planPath, historyPath: String

    static func load(_ plan: Plan, from fromText: String?, to toText: String?, req: Request) async throws -> DiffPage {
        let slug = Parameter<String>.value(plan.slug)
        let latest = plan.publishedVersion
        var page = DiffPage(
            title: plan.title, action: PlansPath.diff(slug).path, choices: [], problem: nil, diff: nil, fromPath: "", toPath: "",
            planPath: PlansPath.plan(slug).path, historyPath: PlansPath.history(slug).path)
        let parse = { (text: String?, fallback: Int) -> Int? in
            guard let text, !text.isEmpty else { return fallback }
            guard text.count <= 9, let number = Int(text), (1...max(latest, 1)).contains(number), number <= latest else { return nil }
            return number
        }
        let from = parse(fromText, latest - 1)
        let to = parse(toText, latest)
        let dates = try await versionDates(plan, on: req.db, language: req.language)
        // Selected: the numbers asked for, or the last two when one is not a version.
        let (selectFrom, selectTo) = from.flatMap { from in to.map { (min(from, $0), max(from, $0)) } } ?? (latest - 1, latest)
        page.choices = dates.map { number, date in
            Choice(
                number: number, label: req.t("plans.diff.choice", ["number": String(number), "date": date]),
                fromSelected: number == selectFrom, toSelected: number == selectTo)
        }
        guard latest >= 2 else {
            page.problem = req.t(latest == 0 ? "plans.history.none" : "plans.diff.one_version")
            return page
        }
        guard var from, var to else {
            page.problem = req.t("plans.diff.bad_version", ["latest": String(latest)])
            page.badInput = true
            return page
        }
        if from > to { swap(&from, &to) }
        page.from = from
        page.to = to
        guard from != to else {
            page.problem = req.t("plans.diff.same_version", ["number": String(from)])
            return page
        }
        guard let old = try await HistoryPage.version(plan, from, on: req.db), let new = try await HistoryPage.version(plan, to, on: req.db)
        else { throw Abort(.notFound) }
        page.diff = PlanDiff.compare(
            try old.snapshot(), try new.snapshot(), names: PlanNames.reference(req.application.reference, in: req.language))
        page.fromPath = PlansPath.version(slug, number: .value(from)).path
        page.toPath = PlansPath.version(slug, number: .value(to)).path
        return page
    }

    /// Each version's number and date, newest first, without their snapshots.
    private static func versionDates(_ plan: Plan, on db: any Database, language: Language) async throws -> [(Int, String)] {
        try await PlanVersion.query(on: db).filter(\.$planID == plan.requireID()).sort(\.$number, .descending)
            .field(\.$id).field(\.$number).field(\.$publishedAt).all()
            .map { ($0.number, AmsterdamTime.date($0.publishedAt, in: language)) }
    }
}
