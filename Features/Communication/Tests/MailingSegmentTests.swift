import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Communication

/// Who a segment reaches: one of the chosen districts AND one of the chosen domains, a subscriber
/// who chose none of either counting as interested in all of them.
final class MailingSegmentTests: XCTestCase {
    func testDistrictsAndDomainsBothNarrowTheSegment() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup: two domains; subscribers with and without district and domain interests
            let domains = app.reference.domains.map(\.slug)
            guard domains.count >= 2 else { throw "two domains needed" }
            let (wanted, other) = (domains[0], domains[1])
            let user = try await MailingFixture.coordinator(app)
            try await MailingFixture.subscriber("alles@example.nl", app: app)
            try await MailingFixture.subscriber("west-thema@example.nl", districts: ["west"], domains: [wanted], app: app)
            try await MailingFixture.subscriber("thema@example.nl", domains: [wanted], app: app)
            try await MailingFixture.subscriber("ander-thema@example.nl", domains: [other], app: app)
            try await MailingFixture.subscriber("centrum-thema@example.nl", districts: ["centrum"], domains: [wanted], app: app)
            let id = try await MailingFixture.mailing(districts: ["west"], domains: [wanted], by: user, app: app)
            let mailing = try await unwrapped(Mailing.find(id, on: app.db))
            // MUT
            let ids = try await MailingSegment(mailing).subscriberIDs(app: app, on: app.db)
            // validation
            let reached = try await NewsletterSubscriber.query(on: app.db).filter(\.$id ~~ ids).all().map(\.email).sorted()
            XCTAssertEqual(reached, ["alles@example.nl", "thema@example.nl", "west-thema@example.nl"])
        }
    }
}
