import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTest

@testable import Events

/// What the events table promises under load: one title on one day made at the same moment gets
/// numbered addresses (never a failed insert), and "events I organise" is an index lookup.
final class EventStorageTests: XCTestCase {
    func testOneTitleOnOneDayCreatedAtOnceGetsNumberedAddresses() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: six coordinators send the same event at the same moment
            var made: [User] = []
            for index in 1...6 {
                made.append(try await app.makeUser(email: "coordinator\(index)@example.nl", roles: [.coordinator]))
            }
            let coordinators = made
            let day = EventFormFixture.day(app, in: 10)
            let input = Self.input(EventFormFixture.valid(day: day))

            // MUT
            let outcomes = try await withThrowingTaskGroup(of: SaveEvent.Outcome.self) { group in
                for user in coordinators {
                    group.addTask { try await SaveEvent(app: app).run(input, event: nil, by: user, language: .nl) }
                }
                var all: [SaveEvent.Outcome] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }

            // validation: six events, six addresses, numbered in turn
            let slugs = outcomes.compactMap { outcome -> String? in
                if case .saved(let slug) = outcome { return slug }
                return nil
            }
            XCTAssertEqual(slugs.count, 6, "\(outcomes)")
            let base = "buurtgesprek-west-\(day)"
            XCTAssertEqual(Set(slugs), Set([base] + (2...6).map { "\(base)-\($0)" }))
            let count = try await Event.query(on: app.db).count()
            XCTAssertEqual(count, 6)
        }
    }

    func testADoubleClickAtTheSameMomentMakesOneEvent() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let coordinator = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let input = Self.input(EventFormFixture.valid(day: EventFormFixture.day(app, in: 10)))

            // MUT: two posts of one form at once
            async let first = SaveEvent(app: app).run(input, event: nil, by: coordinator, language: .nl)
            async let second = SaveEvent(app: app).run(input, event: nil, by: coordinator, language: .nl)
            let outcomes = try await [first, second]

            // validation
            XCTAssertEqual(outcomes[0], outcomes[1])
            let count = try await Event.query(on: app.db).count()
            XCTAssertEqual(count, 1)
        }
    }

    static func input(_ values: [String: String]) -> EventInput {
        var input = EventInput()
        input.values = values
        input.checked = Set(EventInput.checkboxes.filter { values[$0] == "1" })
        return input
    }

    func testEventsAreFoundByTheirOrganiserThroughAnIndex() async throws {
        try await withApp(features: EventFixture.features) { app in
            // MUT
            let query: SQLQueryString =
                app.db.isPostgres
                ? "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'events'"
                : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'"
            let names = try await app.db.sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }

            // validation
            XCTAssertTrue(names.contains("events_organiser"), "\(names)")
        }
    }
}
