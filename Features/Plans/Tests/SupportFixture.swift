import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor

@testable import Plans

/// A published plan and its counters for the participation tests.
enum SupportFixture {
    /// The draft as the plan's next version, through the real `PublishPlan`.
    static func publish(_ app: Application, _ plan: Plan) async throws {
        try await PlanFixture.publish(app, plan, note: "Versie \(plan.publishedVersion + 1)")
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
