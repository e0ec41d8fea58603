import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor

@testable import Plans

/// Plans made straight in the database, for tests that need one before the editor is used.
enum PlanFixture {
    static let features: [any Feature] = [PlansFeature()]

    /// A draft "Calls to Action" with two sections, one activity each.
    static func draft(_ app: Application, slug: String = "calls-to-action") async throws -> Plan {
        let now = app.clock.now()
        let plan = Plan.new(slug: slug, title: "Calls to Action", summary: "Wat we samen gaan doen.", createdBy: nil, now: now)
        try await plan.create(on: app.db)
        for (position, title) in ["De politiek spreekt zich uit", "Bewonersnetwerken verbonden"].enumerated() {
            let section = PlanSection(
                planID: try plan.requireID(), position: position, title: title, body: "Het moet **anders**.", now: now)
            try await section.create(on: app.db)
            let activity = PlanActivity(
                planID: try plan.requireID(), sectionID: try section.requireID(), position: 0, title: "Dialoog met fractieleiders", now: now
            )
            try await activity.create(on: app.db)
        }
        return plan
    }

    /// Publishes the draft as the next version through the editor's own `PublishPlan` (sanitised
    /// HTML, credits, followers' news, audit), by `coordinator` or a test coordinator made once.
    /// `plan` is brought up to date with what the command stored.
    @discardableResult
    static func publish(_ app: Application, _ plan: Plan, note: String = "Eerste versie.", by coordinator: User? = nil)
        async throws -> PlanVersion
    {
        let by: User
        if let coordinator { by = coordinator } else { by = try await fixtureCoordinator(app) }
        let outcome = try await PublishPlan(app: app).run(planID: plan.requireID(), note: note, by: by, language: .nl)
        guard case .published(let number) = outcome else { throw PublishFailed(outcome: outcome) }
        guard let fresh = try await Plan.find(plan.requireID(), on: app.db),
            let version = try await PlanVersion.query(on: app.db).filter(\.$planID == plan.requireID())
                .filter(\.$number == number).first()
        else { throw PublishFailed(outcome: outcome) }
        plan.publishedVersion = fresh.publishedVersion
        plan.publishedAt = fresh.publishedAt
        plan.title = fresh.title
        plan.summary = fresh.summary
        plan.draftTitle = fresh.draftTitle
        plan.draftSummary = fresh.draftSummary
        plan.updatedAt = fresh.updatedAt
        return version
    }

    struct PublishFailed: Error, CustomStringConvertible {
        let outcome: PublishPlan.Outcome
        var description: String { "PlanFixture.publish: not published: \(outcome)" }
    }

    private static func fixtureCoordinator(_ app: Application) async throws -> User {
        let email = "plan-fixture-coordinator@example.nl"
        if let user = try await User.query(on: app.db).filter(\.$email == email).first() { return user }
        return try await app.makeUser(name: "Coördinator", email: email, roles: [.coordinator])
    }
}
