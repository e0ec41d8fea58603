import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives
@testable import Matching

/// An idea's supporters become members of the initiative it is turned into; when a coordinator
/// rejects that initiative they are members of nothing, and turning the idea into an initiative
/// again makes them members of the new one only, once.
final class IdeaRejectionMembersTests: XCTestCase {
    func testARejectedConversionLeavesNoMembersBehind() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup: Fatima's idea, supported by Jan, proposed as an initiative
            let fatima = try await IdeaFixtures.resident(app, name: "Fatima Ouali", email: "fatima@example.nl").browser
            let jan = try await IdeaFixtures.resident(app, name: "Jan de Vries", email: "jan@example.nl").browser
            let id = try await IdeaFixtures.post(
                fatima, title: "Moestuin op het plein", body: "Samen groente kweken.", area: nil, domains: ["groen"])
            let supported = try await jan.post(MatchingPath.supportIdea(.value(id)).path)
            XCTAssertEqual(supported.status, .seeOther)
            let form = ["name": "Moestuin Plein", "summary": "Groente kweken.", "why": "Groen.", "domains": "groen"]
            let proposed = try await fatima.post("/ideeen/\(id)/initiatief", form)
            XCTAssertEqual(proposed.status, .seeOther)
            let rejected = try await Self.initiative(of: id, app: app)
            let membersBefore = try await InitiativeMember.query(on: app.db).filter(\.$initiativeID == rejected.requireID()).count()
            XCTAssertEqual(membersBefore, 1)

            // MUT
            let outcome = try await IdeaFixtures.decide(rejected, approve: false, app: app)

            // validation
            XCTAssertEqual(outcome, .rejected(slug: rejected.slug))
            let membersAfter = try await InitiativeMember.query(on: app.db).count()
            XCTAssertEqual(membersAfter, 0)

            // MUT: proposed again, and approved
            let again = try await fatima.post("/ideeen/\(id)/initiatief", form.merging(["name": "Moestuin Plein Twee"]) { $1 })
            XCTAssertEqual(again.status, .seeOther)
            let second = try await Self.initiative(of: id, app: app)
            let approved = try await IdeaFixtures.decide(second, approve: true, app: app)

            // validation: Jan is a member of the approved one only, counted once
            XCTAssertEqual(approved, .approved(slug: second.slug))
            let members = try await InitiativeMember.query(on: app.db).all()
            XCTAssertEqual(members.map(\.initiativeID), [try second.requireID()])
            let counted = try await Initiative.find(second.id, on: app.db)
            XCTAssertEqual(counted?.peopleConnected, 1)
            let initiatives = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(initiatives, [])
            let matching = try await MatchingFeature().verify(app: app)
            XCTAssertEqual(matching, [])
        }
    }

    private static func initiative(of ideaID: UUID, app: Application) async throws -> Initiative {
        let idea = try await Idea.find(ideaID, on: app.db)
        let initiative = try await Initiative.find(try XCTUnwrap(idea?.initiativeID), on: app.db)
        return try XCTUnwrap(initiative)
    }
}
