import Foundation
import KrachtCore
import Vapor

/// One published version as it was: its sections (their HTML as rendered when published) and
/// activities, read-only, under a banner that says which version this is and where the newest is.
struct VersionPage: Encodable {
    struct Section: Encodable {
        var id: String
        var title: String
        var html: String
        var activities: [Activity]
    }

    struct Activity: Encodable {
        var title: String
        /// Markdown, rendered safely now (the snapshot keeps its source).
        var descriptionHTML: String
        var organiser, timing, needs: String
        var domain, district: String?
    }

    var title: String
    var summary: String
    var number: Int
    var latest: Int
    var isLatest: Bool
    var date: String
    var note: String
    var sections: [Section]
    var planPath, historyPath: String
    var diffPath: String?

    static func load(_ plan: Plan, _ version: PlanVersion, req: Request) throws -> VersionPage {
        let snapshot = try version.snapshot()
        let names = PlanNames.reference(req.application.reference, in: req.language)
        let slug = Parameter<String>.value(plan.slug)
        return VersionPage(
            title: snapshot.title, summary: snapshot.summary, number: version.number, latest: plan.publishedVersion,
            isLatest: version.number == plan.publishedVersion, date: AmsterdamTime.date(version.publishedAt, in: req.language),
            note: version.note,
            sections: snapshot.sections.map { section in
                Section(
                    id: section.id.uuidString, title: section.title, html: section.html,
                    activities: section.activities.map { activity in
                        Activity(
                            title: activity.title,
                            // Under the activity's `<h3>`.
                            descriptionHTML: activity.description.isEmpty ? "" : PlanMarkdown.html(activity.description, topLevel: 4),
                            organiser: activity.organiser, timing: activity.timing, needs: activity.needs,
                            domain: activity.domain.map(names.domain), district: activity.district.map(names.district))
                    })
            },
            planPath: PlansPath.plan(slug).path, historyPath: PlansPath.history(slug).path,
            diffPath: version.number > 1 ? PlansPath.diff(slug, from: version.number - 1, to: version.number).path : nil)
    }
}
