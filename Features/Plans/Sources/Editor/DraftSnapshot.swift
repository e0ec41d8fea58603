import Fluent
import Foundation
import KrachtCore

/// The plan's draft as it would be published: sections and activities not removed,
/// in their order, with the Markdown rendered by `PlanMarkdown`. Two queries, whatever its size.
enum DraftSnapshot {
    static func make(_ plan: Plan, on db: any Database) async throws -> PlanSnapshot {
        let planID = try plan.requireID()
        let sections = try await PlanSection.query(on: db).filter(\.$planID == planID).filter(\.$removedAt == nil)
            .sort(\.$position).sort(\.$createdAt).all()
        let activities = try await PlanActivity.query(on: db).filter(\.$planID == planID).filter(\.$removedAt == nil)
            .sort(\.$position).sort(\.$createdAt).all()
        let bySection = Dictionary(grouping: activities, by: \.sectionID)
        return PlanSnapshot(
            title: plan.draftTitleOrTitle, summary: plan.draftSummaryOrSummary,
            sections: try sections.map { section in
                let id = try section.requireID()
                return PlanSnapshot.Section(
                    id: id, title: section.title, markdown: section.body, html: PlanMarkdown.html(section.body),
                    activities: try (bySection[id] ?? []).map { activity in
                        PlanSnapshot.Activity(
                            id: try activity.requireID(), title: activity.title, description: activity.description,
                            organiser: activity.organiser, timing: activity.timing, needs: activity.needs, domain: activity.domain,
                            district: activity.district, suggestionID: activity.suggestionID)
                    })
            })
    }
}
