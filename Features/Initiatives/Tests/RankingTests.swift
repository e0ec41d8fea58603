import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// The "maatschappelijke AEX": public initiatives by the value of their confirmed hours, or by
/// people reached or connected; ties broken in a stated order; the method on the page.
final class RankingTests: XCTestCase {
    func testInitiativesRankByValueAndSortByPeopleReachedOrConnected() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let fixture = ValueFixture(app: app)
            let organiser = try await app.makeUser(name: "Olga Organisator", email: "olga@example.nl")
            try await fixture.initiative("Taalcafe Noord", organiser: organiser, minutes: 600, reached: 10)
            try await fixture.initiative("Buurtkeuken West", organiser: organiser, minutes: 120, reached: 80)
            try await fixture.initiative("Fietsles Oost", organiser: organiser, minutes: 120, reached: 80)
            try await fixture.initiative("Nog niet goedgekeurd", organiser: organiser, status: .pending)
            let connected = try await fixture.initiative("Repair Cafe Zuid", organiser: organiser, minutes: 60)
            let action = try await fixture.action(on: connected, by: organiser)
            for n in 1...3 { try await fixture.accept(try await app.makeUser(email: "lid\(n)@example.nl"), on: action) }
            let browser = Browser(app)

            // MUT
            let byValue = try await browser.get(InitiativesPath.ranking().path).body.string
            let byReached = try await browser.get(InitiativesPath.ranking(sort: "bereikt").path).body.string
            let byConnected = try await browser.get(InitiativesPath.ranking(sort: "verbonden").path).body.string
            let nonsense = try await browser.get("/initiatieven/waarde?sorteer=%27%20OR%201=1").status

            // validation
            let names = ["Taalcafe Noord", "Buurtkeuken West", "Fietsles Oost", "Repair Cafe Zuid"]
            func order(_ html: String) -> [String] {
                names.compactMap { name in html.range(of: name).map { (name, $0.lowerBound) } }.sorted { $0.1 < $1.1 }.map(\.0)
            }
            XCTAssertEqual(order(byValue), ["Taalcafe Noord", "Buurtkeuken West", "Fietsles Oost", "Repair Cafe Zuid"])
            XCTAssertEqual(order(byReached), ["Buurtkeuken West", "Fietsles Oost", "Taalcafe Noord", "Repair Cafe Zuid"])
            XCTAssertEqual(order(byConnected), ["Repair Cafe Zuid", "Taalcafe Noord", "Buurtkeuken West", "Fietsles Oost"])
            XCTAssertFalse(byValue.contains("Nog niet goedgekeurd"), "an initiative not yet approved is not ranked")
            XCTAssertEqual(nonsense, .ok)
            // 900 minutes = 15 hours at € 23,14: € 347,10; 3 people connected in all.
            XCTAssertTrue(byValue.contains("15 uur vrijwilligerswerk, samen € 347,10 waard. 3 mensen"), "the total line")
            XCTAssertTrue(byValue.contains("€ 23,14"), "the method names the hour's value")
            XCTAssertTrue(byValue.contains("CBS"))
            XCTAssertTrue(byValue.contains("aria-current=\"page\""))
            let awaited1 = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(awaited1, [])
        }
    }
}
