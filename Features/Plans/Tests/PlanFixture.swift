import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Plans
import Vapor

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
}
