import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// A resident who deletes their account can no longer be accepted, and frees the places they
/// held on actions still to come; what they already did keeps counting.
final class ErasureWithdrawsTests: XCTestCase {
    func testDeletingAnAccountWithdrawsAsksAndFreesPlacesStillToCome() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let olga = try await app.makeUser(email: "olga@example.nl")
            let fatima = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            let initiative = try await ActionFixture.initiative(app, slug: "buurtkeuken", organiser: olga)
            let now = app.clock.now()
            let asked = try await ActionFixture.action(app, of: initiative, title: "Folders rondbrengen")
            let shift = try await ActionFixture.action(app, of: initiative, title: "Koken op dinsdag")
            let coming = try await ActionFixture.action(app, of: initiative, title: "Kerstdiner")
            let done = try await ActionFixture.action(app, of: initiative, title: "Zomerfeest")
            let closed = try await ActionFixture.action(app, of: initiative, title: "Oude actie")
            let joined = try await JoinActionProbe.join(app, asked, fatima)
            XCTAssertEqual(joined, "asked")
            for action in [shift, coming, done, closed] { try await ActionFixture.joinAndAccept(app, fatima, action, by: olga) }
            try await reshape(shift, kind: .shift, startsAt: now.addingTimeInterval(-30 * 86_400), on: app.db)
            try await reshape(coming, kind: .task, startsAt: now.addingTimeInterval(7 * 86_400), on: app.db)
            try await reshape(done, kind: .task, startsAt: now.addingTimeInterval(-2 * 86_400), on: app.db)
            try await reshape(closed, kind: .role, startsAt: nil, status: .closed, on: app.db)
            let ask = try await Participation.query(on: app.db).filter(\.$actionID == asked.id!).first()
            let versionBefore = try await InitiativeTotals.current(on: app.db).catalogueVersion

            // MUT
            let outcome = try await AccountData(app: app).delete(fatima, password: "correct horse battery")

            // validation: the ask and the places still to come are withdrawn, what is done stays
            XCTAssertEqual("\(outcome)", "deleted")
            let expected: [(InitiativeAction, Participation.State, Int)] = [
                (asked, .withdrawn, 0), (shift, .withdrawn, 0), (coming, .withdrawn, 0), (done, .accepted, 1), (closed, .accepted, 1),
            ]
            for (action, state, accepted) in expected {
                let row = try await Participation.query(on: app.db).filter(\.$actionID == action.id!).first()
                XCTAssertEqual(row?.state, state, action.title)
                XCTAssertNil(row?.userID, action.title)
                let reloaded = try await InitiativeAction.find(action.id, on: app.db)
                XCTAssertEqual(reloaded?.acceptedCount, accepted, action.title)
            }
            let versionAfter = try await InitiativeTotals.current(on: app.db).catalogueVersion
            XCTAssertGreaterThan(versionAfter, versionBefore, "matching sees the freed places")

            // MUT: the organiser looks at the ask and tries to accept it
            let page = Browser(app)
            try await page.logIn("olga@example.nl")
            let html = try await page.get(InitiativesPath.action(.value(initiative.slug), action: .value(asked.id!)).path).body.string
            let decision = try await DecideParticipation(app: app).run(
                try XCTUnwrap(ask).requireID(), action: asked.id!, decision: .accept, message: nil, by: olga, language: .nl)

            // validation
            XCTAssertFalse(html.contains(try XCTUnwrap(ask).requireID().uuidString), "no decision button for someone who left")
            XCTAssertEqual(decision, .notPending)
            let problems = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    private func reshape(
        _ action: InitiativeAction, kind: InitiativeAction.Kind, startsAt: Date?, status: InitiativeAction.Status = .open,
        on db: any Database
    ) async throws {
        let row = try await InitiativeAction.find(action.id, on: db)!
        row.kind = kind
        row.startsAt = startsAt
        row.status = status
        try await row.save(on: db)
    }
}
