import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// Issue #7: one form, one sign-up; a renewed link that works; no mailbox flooded through the form.
final class SignUpAbuseTests: XCTestCase {
    func testOneServedFormSignsUpOnceAndADoubleClickSeesTheThankYouPage() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let resident = Browser(app)
            let token = try await resident.formToken()
            app.clock.advance(by: 4)

            // MUT: a double click, then the same form replayed for five other addresses
            let first = try await resident.send(form: token, email: "fatima@example.nl")
            let second = try await resident.send(form: token, email: "fatima@example.nl")
            var replays: [XCTHTTPResponse] = []
            for n in 1...5 { replays.append(try await Browser(app).send(form: token, email: "replay\(n)@example.nl")) }

            // validation
            for response in [first, second] + replays { XCTAssertEqual(response.location, ManifestoPath.thanks.path) }
            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 1, "one served form signs up once")
            let mails = try await OutboxMessage.query(on: app.db).count()
            XCTAssertEqual(mails, 1)
            let fresh = try await Browser(app).sign(email: "nieuw@example.nl")
            XCTAssertEqual(fresh.location, ManifestoPath.thanks.path)
            let after = try await Signature.query(on: app.db).count()
            XCTAssertEqual(after, 2, "a freshly opened form still works")
        }
    }

    func testOneFormSentManyTimesAtOnceStoresOneSignature() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let token = FormToken.make(at: app.clock.now().addingTimeInterval(-60), key: app.config.secretKey)

            // MUT
            let outcomes = try await withThrowingTaskGroup(of: SignManifesto.Outcome.self) { group in
                for n in 0..<20 {
                    let form = SignatureFactory.form(app, email: "tegelijk\(n)@example.nl", token: token)
                    group.addTask { try await SignManifesto(app: app).run(form, language: .nl, ip: "10.0.0.1", user: nil) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            // validation
            XCTAssertEqual(outcomes.filter { $0 == .checkYourMail }.count, 1)
            XCTAssertEqual(outcomes.filter { $0 == .alreadyHandled }.count, 19)
            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 1)
        }
    }

    func testAFormRefusedForTheIPLimitCanBeSentAgainLater() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            app.signing.limitPerIP = 1
            try await Browser(app).sign(email: "eerste@example.nl")
            let resident = Browser(app)
            let token = try await resident.formToken()
            app.clock.advance(by: 4)

            // MUT
            let limited = try await resident.send(form: token, email: "tweede@example.nl")
            app.clock.advance(by: 3600)
            let later = try await resident.send(form: token, email: "tweede@example.nl")

            // validation
            XCTAssertEqual(limited.status, .tooManyRequests)
            XCTAssertEqual(later.location, ManifestoPath.thanks.path)
            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 2)
        }
    }

    func testSigningAgainAfterTheLinkExpiredMailsALinkThatWorks() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: the first link expired, and the daily purge has not run yet
            let resident = Browser(app)
            try await resident.sign(email: "sanne@example.nl")
            try await app.deliverMail()
            app.clock.advance(by: 15 * 86400)

            // MUT
            let again = try await resident.sign(email: "sanne@example.nl")
            let confirmed = try await resident.confirmSignature(of: "sanne@example.nl")

            // validation
            XCTAssertEqual(again.location, ManifestoPath.thanks.path)
            XCTAssertEqual(confirmed.status, .ok, "the new link works: \(confirmed.body.string.prefix(200))")
            app.manifestoCount.clear()
            let count = try await resident.publicCount()
            XCTAssertEqual(count, 1)
            try await RetentionPurge.run(app)
            let rows = try await Signature.query(on: app.db).count()
            XCTAssertEqual(rows, 1, "the renewed signature is not purged as expired")
        }
    }

    func testOneAddressIsMailedAtMostAFewTimesADayHoweverOftenItIsTypedIn() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: at the start of a day's window, so the test does not straddle two
            let victim = "doelwit@example.nl"
            app.clock.advance(by: 86400 - app.clock.now().timeIntervalSince1970.truncatingRemainder(dividingBy: 86400) + 60)
            try await Browser(app).sign(email: victim)

            // MUT: someone signs with that address again and again, each time after the resend pause
            for _ in 1...6 {
                app.clock.advance(by: 11 * 60)
                let response = try await Browser(app).sign(email: victim)
                XCTAssertEqual(response.location, ManifestoPath.thanks.path, "the same answer as ever")
            }
            let today = try await OutboxMessage.query(on: app.db).filter(\.$recipient == victim).count()
            app.clock.advance(by: 86400)
            try await Browser(app).sign(email: victim)
            let tomorrow = try await OutboxMessage.query(on: app.db).filter(\.$recipient == victim).count()

            // validation
            XCTAssertEqual(today, 1 + app.signing.remindersPerAddressPerDay, "the first mail and three reminders")
            XCTAssertEqual(tomorrow, today + 1, "a new day, one more")
        }
    }
}
