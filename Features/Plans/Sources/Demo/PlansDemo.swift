import Fluent
import Foundation
import KrachtCore
import Vapor

/// `kracht demo`'s plans: the seed's "Calls to Action" in three dated versions and the policy
/// plan 2025 in one, with reactions, supports, sign-ups, suggestions and follows by the demo's
/// residents (`PlansDemoParticipation`). Rows are written straight, counters recounted from them
/// at the end, so `kracht verify` passes. A plan already there is left alone: seeding twice
/// changes nothing.
enum PlansDemo {
    static func seed(app: Application, people: DemoPeople) async throws {
        let now = app.clock.now()
        try await app.db.writeTransaction { db in
            guard try await Plan.query(on: db).filter(\.$slug ~~ [PlansDemoCallsToAction.slug, PlansDemoPolicyPlan.slug]).count() == 0
            else { return }
            let coordinator = try people.coordinator.requireID()
            let calls = try await PlansDemoCallsToAction.plan(lastVersion: now.addingTimeInterval(-9 * 86_400))
                .write(publishedBy: coordinator, reference: app.reference, on: db)
            var policy = PlansDemoPolicyPlan.plan
            // Never a version in the future, whatever the clock says.
            policy.versions[0].date = min(policy.versions[0].date, now.addingTimeInterval(-30 * 86_400))
            let policyPlan = try await policy.write(publishedBy: coordinator, reference: app.reference, on: db)
            let participation = PlansDemoParticipation(people: people, reference: app.reference, now: now, db: db)
            try await participation.callsToAction(calls)
            try await participation.policyPlan(policyPlan)
            for plan in [calls, policyPlan] { try await recount(plan.id, on: db) }
        }
    }

    /// Every counter of a plan and its activities from the rows.
    static func recount(_ planID: UUID, on db: any Database) async throws {
        guard let plan = try await Plan.find(planID, on: db) else { return }
        let supports = try await PlanSupport.query(on: db).filter(\.$planID == planID).all()
        let signups = try await PlanSignup.query(on: db).filter(\.$planID == planID).all()
        for activity in try await PlanActivity.query(on: db).filter(\.$planID == planID).all() {
            activity.supportCount = supports.filter { $0.activityID == activity.id }.count
            activity.signupCount = signups.filter { $0.activityID == activity.id }.count
            try await activity.save(on: db)
        }
        plan.supportCount = supports.count
        plan.signupCount = signups.count
        plan.reactionCount = try await PlanReaction.query(on: db).filter(\.$planID == planID).filter(\.$status == .visible).count()
        plan.acceptedSuggestions = try await PlanSuggestion.query(on: db).filter(\.$planID == planID).filter(\.$status == .accepted).count()
        plan.followerCount = try await PlanFollow.query(on: db).filter(\.$planID == planID).count()
        try await plan.save(on: db)
    }
}
