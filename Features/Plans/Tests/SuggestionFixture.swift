import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Plans

/// A published plan and a coordinator, and suggestions written straight through the command.
enum SuggestionFixture {
    static func published(_ app: Application) async throws -> (Plan, User) {
        let coordinator = try await app.makeUser(name: "Coördinator", email: "coordinator@example.nl", roles: [.coordinator])
        let plan = try await PlanFixture.draft(app)
        try await PlanFixture.publish(app, plan, by: coordinator)
        let fresh = try await Plan.find(plan.id, on: app.db)
        return (try XCTUnwrap(fresh), coordinator)
    }

    static func sections(_ app: Application, _ plan: Plan) async throws -> [PlanSection] {
        try await PlanSection.query(on: app.db).filter(\.$planID == plan.requireID()).sort(\.$position).all()
    }

    static func propose(
        _ app: Application, _ plan: Plan, _ section: PlanSection, by user: User, kind: PlanSuggestion.Kind, body: String
    ) async throws -> UUID {
        let input = SuggestionInput(
            kind: kind, sectionID: try section.requireID(), title: "Voorstel van \(user.name)", body: body, timing: nil, needs: nil,
            domain: nil, district: nil, explanation: nil)
        let outcome = try await ProposeSuggestion(app: app).run(input, plan: plan.requireID(), by: user, language: .nl)
        guard case .proposed(let id, _) = outcome else { throw Abort(.internalServerError, reason: "not proposed: \(outcome)") }
        return id
    }
}

extension SuggestionCredits {
    /// The credits of one version, as the history page shows them.
    static func forVersion(planID: UUID, number: Int, on db: any Database) async throws -> [CreditView] {
        try await forPlan(planID: planID, on: db)[number] ?? []
    }
}
