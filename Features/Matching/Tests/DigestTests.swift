import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Matching

/// The weekly digest: only residents who opted in and have something new get it, once a week
/// however often it runs, each action with its reasons and link. (Unsubscribing: DigestUnsubscribeTests.)
final class DigestTests: XCTestCase {
    func testOptedInResidentsWithNewsGetOneDigestAWeekWithReasons() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let world = try await DigestWorld.make(app)
            let fatima = try await world.resident("fatima@example.nl", digest: true, skills: [world.cooking], domains: ["armoede"])
            let daan = try await world.resident("daan@example.nl", digest: false, skills: [world.cooking], domains: ["armoede"])
            let sanne = try await world.resident("sanne@example.nl", digest: true, skills: [], domains: ["sport-beweging"])
            let lotte = try await world.resident("lotte@example.nl", digest: true, skills: [], domains: [])
            try await world.follow(lotte)

            // MUT
            let first = try await WeeklyDigest(app: app).run(anyWeekday: true, dryRun: false)
            try await app.deliverMail()

            // validation: Fatima by her skill and domain, Lotte because she follows; not Daan (off) nor Sanne (nothing fits)
            XCTAssertEqual(first.mails, 2)
            let mails = try MailSink.messages(app: app, to: fatima.email)
            XCTAssertEqual(mails.count, 1)
            let text = mails[0].text
            XCTAssertTrue(text.contains("Koken in de buurtkeuken"), text)
            XCTAssertTrue(text.contains("koken"), text)
            XCTAssertTrue(text.contains("De Pijp"), text)
            XCTAssertTrue(text.contains("Armoede"), text)
            XCTAssertTrue(text.contains(world.actionPath), text)
            XCTAssertTrue(mails[0].raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), mails[0].raw)
            XCTAssertTrue(mails[0].raw.contains("List-Unsubscribe: <http://kracht.test/voor-jou/afmelden?token="), mails[0].raw)
            XCTAssertEqual(try MailSink.messages(app: app, to: daan.email).count, 0)
            XCTAssertEqual(try MailSink.messages(app: app, to: sanne.email).count, 0)
            let followed = try MailSink.messages(app: app, to: lotte.email)
            XCTAssertEqual(followed.count, 1)
            XCTAssertTrue(followed.first?.text.contains("je volgt dit initiatief") ?? false)

            // MUT: the same day again, and the next day (a rerun, a second instance)
            let again = try await WeeklyDigest(app: app).run(anyWeekday: true, dryRun: false)
            app.clock.advance(by: 86_400)
            let nextDay = try await WeeklyDigest(app: app).run(anyWeekday: true, dryRun: false)
            try await app.deliverMail()

            // validation
            XCTAssertEqual(again.mails, 0)
            XCTAssertEqual(nextDay.mails, 0)
            XCTAssertEqual(try MailSink.messages(app: app, to: fatima.email).count, 1)

            // MUT: a week later, with nothing new, nothing goes out; with a new action, it does
            app.clock.advance(by: 6 * 86_400)
            let value1 = try await WeeklyDigest(app: app).run(anyWeekday: true, dryRun: false).mails
            XCTAssertEqual(value1, 0)
            app.clock.advance(by: 7 * 86_400)
            try await world.action("Soep koken voor de inloop")
            let week = try await WeeklyDigest(app: app).run(anyWeekday: true, dryRun: true)

            // validation: the dry run counts Fatima and Lotte but changes nothing
            XCTAssertEqual(week.mails, 2)
            let value2 = try await WeeklyDigest(app: app).run(anyWeekday: true, dryRun: false).mails
            XCTAssertEqual(value2, 2)
        }
    }

    func testTheScheduledJobMailsOnlyOnMondays() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup: a day that is not a Monday in Amsterdam
            let world = try await DigestWorld.make(app)
            _ = try await world.resident("fatima@example.nl", digest: true, skills: [world.cooking], domains: [])
            while AmsterdamTime.calendar.component(.weekday, from: app.clock.now()) != 3 { app.clock.advance(by: 3_600) }

            // MUT
            let tuesday = try await WeeklyDigest(app: app).run(anyWeekday: false, dryRun: false)
            app.clock.advance(by: 6 * 86_400)
            let monday = try await WeeklyDigest(app: app).run(anyWeekday: false, dryRun: false)

            // validation
            XCTAssertEqual(tuesday.mails, 0)
            XCTAssertEqual(tuesday.profiles, 0)
            XCTAssertEqual(monday.mails, 1)
        }
    }
}
