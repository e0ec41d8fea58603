import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Communication

/// The links every mailing carries: preferences, the unsubscribe page (asks, then does it) and a
/// mail program's one-click post without cookie or form token; the list's data duties.
final class NewsletterUnsubscribeTests: XCTestCase {
    func testOneClickPostNeedsNoCookieAndIsIdempotent() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            let row = try await NewsletterFixture.confirmed(app, "mohamed@example.nl")
            let links = NewsletterLinks(subscriberID: try row.requireID(), app: app)
            let oneClick = NewsletterPath.unsubscribeOneClick(token: links.token).path

            // MUT: RFC 8058, no cookie, no _csrf, twice
            let first = try await Browser(app).post(
                oneClick, rawBody: ByteBuffer(string: "List-Unsubscribe=One-Click"), contentType: .urlEncodedForm)
            let second = try await Browser(app).post(
                oneClick, rawBody: ByteBuffer(string: "List-Unsubscribe=One-Click"), contentType: .urlEncodedForm)

            // validation
            XCTAssertEqual(first.status, .ok)
            XCTAssertTrue(first.body.string.contains("Je bent afgemeld"))
            XCTAssertEqual(second.status, .ok)
            XCTAssertTrue(second.body.string.contains("Je was al afgemeld"))
            let after = try await NewsletterSubscriber.find(row.id, on: app.db)
            XCTAssertEqual(after?.status, .unsubscribed)
            XCTAssertNil(after?.name)
            XCTAssertEqual(links.oneClick, "http://kracht.test" + oneClick)

            // an altered token changes nothing
            let forged = try await Browser(app).post(
                NewsletterPath.unsubscribeOneClick(token: NewsletterFixture.forged(links.token)).path, rawBody: ByteBuffer(string: ""))
            XCTAssertEqual(forged.status, .notFound)

            // MUT: the manifesto box does not put them back
            try await NewsletterMailingList(app: app).addConfirmed(
                MailingListEntry(email: "mohamed@example.nl", language: .nl, source: "manifesto"), on: app.db)
            let still = try await NewsletterSubscriber.find(row.id, on: app.db)
            XCTAssertEqual(still?.status, .unsubscribed)
        }
    }

    func testTheUnsubscribePageAsksFirstThenTheButtonDoesIt() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            let row = try await NewsletterFixture.confirmed(app, "lotte@example.nl")
            let links = NewsletterLinks(subscriberID: try row.requireID(), app: app)
            let path = NewsletterPath.unsubscribe(.value(links.token)).path
            let browser = Browser(app)

            // MUT
            let ask = try await browser.get(path)
            let asked = try await NewsletterSubscriber.find(row.id, on: app.db)
            let done = try await browser.post(path)

            // validation
            XCTAssertEqual(ask.status, .ok)
            XCTAssertTrue(ask.body.string.contains("Ja, meld me af"))
            XCTAssertEqual(asked?.status, .confirmed)
            XCTAssertTrue(done.body.string.contains("Je bent afgemeld"))
            let gone = try await NewsletterSubscriber.find(row.id, on: app.db)
            XCTAssertEqual(gone?.status, .unsubscribed)
            let header = try await Browser(app).get(NewsletterPath.unsubscribeOneClick(token: links.token).path)
            XCTAssertTrue(header.body.string.contains("Je was al afgemeld"))
        }
    }

    func testPreferencesChangeDistrictsDomainsAndLanguage() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            let d = app.reference.districts.map(\.slug), m = app.reference.domains.map(\.slug)
            let row = try await NewsletterFixture.confirmed(app, "emma@example.nl", districts: [d[0]])
            let token = NewsletterLinks(subscriberID: try row.requireID(), app: app).token
            let path = NewsletterPath.preferences(.value(token)).path
            let browser = Browser(app)
            let page = try await browser.get(path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("value=\"\(d[0])\" checked"))

            // MUT: two districts, a domain, English
            let saved = try await browser.post(
                path,
                rawBody: NewsletterFixture.body(
                    [("district", d[1]), ("district", d[2]), ("domain", m[0]), ("language", "en")], csrf: browser.csrfToken))

            // validation
            XCTAssertEqual(saved.status, .ok)
            let after = try await NewsletterSubscriber.find(row.id, on: app.db)
            XCTAssertEqual(after?.districts, [d[1], d[2]].sorted())
            XCTAssertEqual(after?.domains, [m[0]])
            XCTAssertEqual(after?.language, "en")
            let filtered = try await NewsletterSubscriber.query(on: app.db).filter(\.$districtsList ~~ ",\(d[1]),").count()
            XCTAssertEqual(filtered, 1)

            // MUT: an unknown district, a forged token: nothing changes
            let bad = try await browser.post(path, rawBody: NewsletterFixture.body([("district", "atlantis")], csrf: browser.csrfToken))
            let forged = try await browser.get(NewsletterPath.preferences(.value(NewsletterFixture.forged(token))).path)

            // validation
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.body.string.contains("uit de lijst"))
            XCTAssertEqual(forged.status, .notFound)
            let unchanged = try await NewsletterSubscriber.find(row.id, on: app.db)
            XCTAssertEqual(unchanged?.districts, [d[1], d[2]].sorted())
        }
    }

    func testFiguresBouncesPersonalDataAndRetention() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            let d = app.reference.districts[0].slug
            let a = try await NewsletterFixture.confirmed(app, "a.b@gmail.com", districts: [d], ref: "flyer")
            _ = try await NewsletterFixture.confirmed(app, "yusuf@example.nl", ref: "flyer")
            let feature = Newsletter()

            // figures
            let indicator = try XCTUnwrap(feature.indicators().first)
            let value = try await indicator.value(app)
            XCTAssertEqual(value, 2)
            let byDistrict = try await indicator.byDistrict?(app)
            XCTAssertEqual(byDistrict?[d], 1)
            let referred = try await feature.referrals()[0].count(["flyer"], app)
            XCTAssertEqual(referred, 2)
            let weeks = try await feature.weeklySeries()[0].weeks(4, app)
            XCTAssertEqual(weeks.count, 4)
            XCTAssertEqual(weeks.last?.value, 2)
            let reached = try await ReachedPeople.count(app)
            XCTAssertGreaterThanOrEqual(reached, 2)
            let api = try await Browser(app).get(NewsletterPath.apiStats.path)
            XCTAssertEqual(api.status, .ok)
            XCTAssertTrue(api.body.string.contains("\"confirmed\":2"))
            XCTAssertFalse(api.body.string.contains("@"))

            // bounce: marked by mailbox however spelled
            try await feature.mailBounced(recipient: "A.B+nieuws@gmail.com", view: "x", app: app)
            let bounced = try await NewsletterSubscriber.find(a.id, on: app.db)
            XCTAssertNotNil(bounced?.bouncedAt)

            // export and erasure of an account holder
            let user = try await app.makeUser(name: "Yusuf", email: "yusuf@example.nl")
            let exported = try await feature.exportData(of: user, app: app)
            XCTAssertNotNil(exported)
            try await feature.eraseData(of: user, app: app, on: app.db)
            let erased = try await NewsletterFixture.subscriber(app, "yusuf@example.nl")
            XCTAssertNil(erased)

            // an unsubscribed one stays as a suppression without address
            let c = try await NewsletterFixture.confirmed(app, "iris@example.nl")
            _ = try await Unsubscribe(app: app).run(token: NewsletterLinks(subscriberID: try c.requireID(), app: app).token)
            let iris = try await app.makeUser(name: "Iris", email: "iris@example.nl")
            try await feature.eraseData(of: iris, app: app, on: app.db)
            let kept = try await NewsletterSubscriber.find(c.id, on: app.db)
            XCTAssertEqual(kept?.email, "")
            XCTAssertTrue(kept?.mailbox.hasPrefix("erased:") == true)
            try await NewsletterMailingList(app: app).addConfirmed(
                MailingListEntry(email: "iris@example.nl", language: .nl, source: "manifesto"), on: app.db)
            let back = try await NewsletterFixture.subscriber(app, "iris@example.nl")
            XCTAssertNil(back)

            // purge: pending older than 30 days
            let pending = NewsletterSubscriber()
            (pending.email, pending.mailbox, pending.language, pending.districts, pending.domains) = (
                "p@example.nl", "p@example.nl", "nl", [], []
            )
            (pending.status, pending.createdAt, pending.source) = (.pending, app.clock.now().addingTimeInterval(-31 * 86400), "form")
            try await pending.create(on: app.db)
            try await feature.purgeExpired(now: app.clock.now(), app: app)
            let purged = try await NewsletterFixture.subscriber(app, "p@example.nl")
            XCTAssertNil(purged)
            let problems = try await feature.verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testDemoAndFill() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            try await NewsletterDemo.seed(app: app)
            let demo = try await NewsletterSubscriber.query(on: app.db).count()
            XCTAssertEqual(demo, 40)
            let added = try await NewsletterDemo.fill(500, app: app)
            XCTAssertEqual(added, 500)
            let confirmed = try await NewsletterSubscriber.query(on: app.db).filter(\.$status == .confirmed).count()
            XCTAssertGreaterThan(confirmed, 500)
            let problems = try await Newsletter().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
