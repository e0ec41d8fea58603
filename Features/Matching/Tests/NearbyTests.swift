import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import Matching
import XCTest

/// `/nu`: what starts within three hours, in the chosen area first, then its district, then online.
final class NearbyTests: XCTestCase {
    func testWhatStartsSoonInOrNearAnArea() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let now = app.clock.now()
            let club = try await MatchingFixtures.initiative(app, slug: "buurtclub")
            try await MatchingFixtures.action(
                app, of: club, title: "Online bellen", kind: .task, online: true, startsAt: now.addingTimeInterval(1800))
            try await MatchingFixtures.action(
                app, of: club, title: "Elders in Zuid", kind: .task, district: "zuid", area: "oud-zuid",
                startsAt: now.addingTimeInterval(1800))
            try await MatchingFixtures.action(
                app, of: club, title: "Hier over een uur", kind: .task, district: "zuid", area: "de-pijp-rivierenbuurt",
                startsAt: now.addingTimeInterval(3600))
            try await MatchingFixtures.action(
                app, of: club, title: "Dienst van nu", kind: .shift, district: "zuid", area: "de-pijp-rivierenbuurt",
                slots: AvailabilityGrid.of(now))
            try await MatchingFixtures.action(
                app, of: club, title: "Over vijf uur", kind: .task, district: "zuid", area: "de-pijp-rivierenbuurt",
                startsAt: now.addingTimeInterval(5 * 3600))
            try await MatchingFixtures.action(
                app, of: club, title: "Al begonnen", kind: .task, district: "zuid", area: "de-pijp-rivierenbuurt",
                startsAt: now.addingTimeInterval(-600))
            try await MatchingFixtures.action(
                app, of: club, title: "In Noord", kind: .task, district: "noord", area: "oud-noord", startsAt: now.addingTimeInterval(1800))

            // MUT: an anonymous visitor chooses De Pijp
            let page = try await Browser(app).get(MatchingPath.nearby(area: "de-pijp-rivierenbuurt").path)
            // validation
            XCTAssertEqual(page.status, .ok)
            let html = page.body.string
            let order = ["Dienst van nu", "Hier over een uur", "Elders in Zuid", "Online bellen"].map { html.range(of: $0)?.lowerBound }
            XCTAssertFalse(order.contains(nil), "\(order)")
            XCTAssertEqual(order.compactMap { $0 }, order.compactMap { $0 }.sorted(), "same area, then district, then online")
            for absent in ["Over vijf uur", "Al begonnen", "In Noord"] { XCTAssertFalse(html.contains(absent), absent) }

            // MUT: a resident whose profile says Noord, without choosing
            _ = try await app.makeUser(email: "noord@example.nl")
            let resident = Browser(app)
            try await resident.logIn("noord@example.nl")
            try await MatchingFixtures.saveProfile(resident, [("area", "oud-noord")])
            let theirs = try await resident.get(MatchingPath.nearby().path).body.string
            // validation
            XCTAssertTrue(theirs.contains("In Noord"))
            XCTAssertFalse(theirs.contains("Hier over een uur"))
        }
    }

    func testNothingSoonSaysSoAndLinksTheInitiatives() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // MUT
            let page = try await Browser(app).get(MatchingPath.nearby(area: "osdorp").path)
            // validation
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("De komende uren begint hier niets."))
            XCTAssertTrue(page.body.string.contains("href=\"/initiatieven\""))
        }
    }
}
