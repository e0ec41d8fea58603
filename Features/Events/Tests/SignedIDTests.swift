import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Events

/// The registration links and the personal feed share one codec: an id with a keyed hash of it,
/// one spelling per link, a purpose (and a salt) that cannot be swapped.
final class SignedIDTests: XCTestCase {
    func testATokenOpensOnlyForItsPurposeAndSaltInItsOwnSpelling() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let id = UUID()

            // MUT
            let manage = EventTokens.make(.manage, for: id, app: app)
            let salted = SignedID.make(id, context: "events.feed", salt: "zout", app: app)

            // validation
            XCTAssertEqual(manage.count, 65)
            XCTAssertTrue(manage.hasPrefix(id.uuidString.replacingOccurrences(of: "-", with: "").lowercased() + "-"))
            XCTAssertEqual(EventTokens.registrationID(from: manage, .manage, app: app), id)
            XCTAssertNil(EventTokens.registrationID(from: manage, .checkIn, app: app), "a manage link is no check-in link")
            XCTAssertNil(EventTokens.registrationID(from: manage.uppercased(), .manage, app: app))
            XCTAssertNil(EventTokens.registrationID(from: String(manage.dropLast()), .manage, app: app))
            XCTAssertNil(EventTokens.registrationID(from: manage + "-0", .manage, app: app))
            let parsed = try XCTUnwrap(SignedID.parse(salted))
            XCTAssertEqual(parsed.id, id)
            XCTAssertTrue(SignedID.isGenuine(parsed.signature, of: id, context: "events.feed", salt: "zout", app: app))
            XCTAssertFalse(SignedID.isGenuine(parsed.signature, of: id, context: "events.feed", salt: "ander", app: app))
            XCTAssertFalse(SignedID.isGenuine(parsed.signature, of: UUID(), context: "events.feed", salt: "zout", app: app))
            XCTAssertNil(SignedID.open(salted, context: "events.feed", app: app), "not without its salt")
        }
    }

    func testThePersonalFeedAnswersOnlyToItsOwnSpelling() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let fatima = try await app.makeUser(name: "Fatima", email: "fatima@example.nl")
            let token = try await PersonalFeed.token(for: try fatima.requireID(), app: app, on: app.db)

            // MUT
            let feed = try await Browser(app).get(EventsPath.personalFeed(.value(token)).path)
            let shouted = try await Browser(app).get(EventsPath.personalFeed(.value(token.uppercased())).path)

            // validation
            XCTAssertEqual(feed.status, .ok)
            XCTAssertEqual(shouted.status, .notFound, "one address per feed, as the registration links")
        }
    }
}
