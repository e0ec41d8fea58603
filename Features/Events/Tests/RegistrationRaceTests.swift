import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Events

/// Never overbooked: many people registering at the same moment take turns on the event's lock.
final class RegistrationRaceTests: XCTestCase {
    func testSixtyRegistrationsAtOnceForTwentyPlacesHoldExactlyTwenty() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let event = try await EventFixture.event(app, capacity: 20)

            // MUT: 60 anonymous visitors register at the same moment, each from their own address
            let eventID = try event.requireID()
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 1...60 {
                    group.addTask {
                        var form = RegistrationForm()
                        form.name = "Bezoeker \(index)"
                        form.email = "bezoeker\(index)@example.nl"
                        let outcome = try await RegisterForEvent(app: app)
                            .run(form, eventID: eventID, user: nil, language: .nl, ip: "10.0.0.\(index)")
                        switch outcome {
                        case .pending, .waitlisted: return true
                        default: return false
                        }
                    }
                }
                for try await registered in group { XCTAssertTrue(registered) }
            }

            // validation: exactly 20 places held, 40 waiting, numbered 1…60 in arrival order
            let counted = try await RegistrationJourney.reload(app, event)
            XCTAssertEqual(counted.placesTaken, 20)
            XCTAssertEqual(counted.waitlisted, 40)
            XCTAssertEqual(counted.nextPosition, 61)
            let all = try await EventRegistration.query(on: app.db).filter(\.$eventID == event.requireID()).sort(\.$position).all()
            XCTAssertEqual(all.map(\.position), Array(1...60))
            XCTAssertEqual(all.prefix(20).filter { $0.status == .pending }.count, 20, "the first 20 to arrive hold the places")
            XCTAssertEqual(all.suffix(40).filter { $0.status == .waitlisted }.count, 40, "the rest wait in arrival order")
            XCTAssertEqual(Set(all.map(\.emailKey)).count, 60, "nobody lost")
            let problems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
