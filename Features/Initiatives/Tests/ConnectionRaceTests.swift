import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// Organisers accepting the same residents on several actions at the same moment: each resident
/// becomes a member of each initiative once and is connected once ever, and nobody sees an error.
final class ConnectionRaceTests: XCTestCase {
    func testAcceptsAtTheSameMomentConnectEachPersonOnce() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup: three residents each asked on two actions of one initiative and one of another
            let olga = try await app.makeUser(email: "olga@example.nl")
            let otto = try await app.makeUser(email: "otto@example.nl")
            let kitchen = try await ActionFixture.initiative(app, slug: "buurtkeuken", organiser: olga)
            let garden = try await ActionFixture.initiative(app, slug: "buurttuin", organiser: otto)
            let cooking = try await ActionFixture.action(app, of: kitchen, title: "Koken", places: 5)
            let washing = try await ActionFixture.action(app, of: kitchen, title: "Afwassen", places: 5)
            let weeding = try await ActionFixture.action(app, of: garden, title: "Wieden", places: 5)
            var asks: [(participation: UUID, action: UUID, organiser: User)] = []
            for n in 1...3 {
                let resident = try await app.makeUser(email: "bewoner\(n)@example.nl")
                for (action, organiser) in [(cooking, olga), (washing, olga), (weeding, otto)] {
                    let asked = try await JoinAction(app: app).run(action.id!, message: nil, by: resident, language: .nl)
                    XCTAssertEqual(asked, .asked)
                    let row = try await Participation.query(on: app.db).filter(\.$actionID == action.id!)
                        .filter(\.$userID == resident.id!).first()
                    asks.append((try XCTUnwrap(row).requireID(), action.id!, organiser))
                }
            }

            // MUT: every accept at once
            let outcomes = try await withThrowingTaskGroup(of: DecideParticipation.Outcome.self) { group in
                for ask in asks {
                    group.addTask {
                        try await DecideParticipation(app: app).run(
                            ask.participation, action: ask.action, decision: .accept, message: nil, by: ask.organiser, language: .nl)
                    }
                }
                var all: [DecideParticipation.Outcome] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }

            // validation
            XCTAssertEqual(outcomes, Array(repeating: .accepted, count: 9))
            let members = try await InitiativeMember.query(on: app.db).count()
            XCTAssertEqual(members, 6, "three residents in two initiatives")
            let connections = try await Connection.query(on: app.db).count()
            XCTAssertEqual(connections, 3, "each resident once ever")
            let totals = try await InitiativeTotals.current(on: app.db)
            XCTAssertEqual(totals.peopleConnected, 3)
            for initiative in [kitchen, garden] {
                let reloaded = try await Initiative.find(initiative.id, on: app.db)
                XCTAssertEqual(reloaded?.peopleConnected, 3)
            }
            let again = try await Connections.connect(
                try await app.makeUser(email: "bewoner1b@example.nl").requireID(), to: kitchen, via: .action, at: app.clock.now(),
                on: app.db)
            XCTAssertTrue(again, "a new person is still connected")
            let twice = try await Connections.connect(
                asks[0].organiser.requireID(), to: garden, via: .action, at: app.clock.now(), on: app.db)
            let twiceAgain = try await Connections.connect(
                asks[0].organiser.requireID(), to: garden, via: .action, at: app.clock.now(), on: app.db)
            XCTAssertEqual([twice, twiceAgain], [true, false], "the same person in the same initiative counts once")
            let problems = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
