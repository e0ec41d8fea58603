import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor

@testable import Plans

/// Publishing for the participation tests, straight in the database, until the editor's
/// `PublishPlan` is used everywhere (the lead unifies the fixtures).
enum SupportFixture {
    /// The draft (sections and activities not removed) as the plan's next version.
    static func publish(_ app: Application, _ plan: Plan) async throws {
        let planID = try plan.requireID()
        var sections: [PlanSnapshot.Section] = []
        let drafts = try await PlanSection.query(on: app.db).filter(\.$planID == planID).filter(\.$removedAt == nil).sort(\.$position).all()
        for section in drafts {
            let activities = try await PlanActivity.query(on: app.db).filter(\.$sectionID == section.requireID())
                .filter(\.$removedAt == nil).sort(\.$position).all()
            sections.append(
                PlanSnapshot.Section(
                    id: try section.requireID(), title: section.title, markdown: section.body, html: section.body,
                    activities: try activities.map {
                        PlanSnapshot.Activity(
                            id: try $0.requireID(), title: $0.title, description: $0.description, organiser: $0.organiser,
                            timing: $0.timing, needs: $0.needs, domain: $0.domain, district: $0.district, suggestionID: $0.suggestionID)
                    }))
        }
        let now = app.clock.now()
        let number = plan.publishedVersion + 1
        let snapshot = PlanSnapshot(title: plan.title, summary: plan.summary, sections: sections)
        try await PlanVersion(
            planID: planID, number: number, publishedAt: now, publishedBy: nil, note: "Versie \(number)", snapshot: snapshot
        )
        .create(on: app.db)
        plan.publishedVersion = number
        plan.publishedAt = now
        try await plan.save(on: app.db)
    }

    /// A published plan and its activities in the draft's order.
    static func published(_ app: Application) async throws -> (Plan, [PlanActivity]) {
        let plan = try await PlanFixture.draft(app)
        try await publish(app, plan)
        return (plan, try await activities(app, plan))
    }

    static func activities(_ app: Application, _ plan: Plan) async throws -> [PlanActivity] {
        let sections = try await PlanSection.query(on: app.db).filter(\.$planID == plan.requireID()).sort(\.$position).all()
        let order = Dictionary(uniqueKeysWithValues: try sections.map { (try $0.requireID(), $0.position) })
        return try await PlanActivity.query(on: app.db).filter(\.$planID == plan.requireID()).all()
            .sorted { (order[$0.sectionID] ?? 0, $0.position) < (order[$1.sectionID] ?? 0, $1.position) }
    }

    /// The counters as stored: the activity's and the plan's.
    static func supports(_ app: Application, _ plan: Plan, _ activity: PlanActivity) async throws -> (activity: Int, plan: Int, rows: Int) {
        let a = try await PlanActivity.find(activity.requireID(), on: app.db)!
        let p = try await Plan.find(plan.requireID(), on: app.db)!
        let rows = try await PlanSupport.query(on: app.db).filter(\.$activityID == activity.requireID()).count()
        return (a.supportCount, p.supportCount, rows)
    }

    static func path(_ make: (Parameter<String>, Parameter<UUID>) -> PlansPath, _ plan: Plan, _ activity: PlanActivity) throws -> String {
        make(.value(plan.slug), .value(try activity.requireID())).path
    }
}
