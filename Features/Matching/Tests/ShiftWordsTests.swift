import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import XCTest

@testable import Matching

/// A weekly shift reads the same natural way wherever it shows: "elke dinsdagavond" (one word
/// for day and day part) on the action page, on /voor-jou and in the weekly digest, and
/// "every Tuesday evening" in English. The digest's HTML uses styles mail programs understand.
final class ShiftWordsTests: XCTestCase {
    func testAShiftReadsAsOneCompoundOnTheActionPageAndForYou() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            _ = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            let kitchen = try await MatchingFixtures.initiative(app, slug: "buurtkeuken")
            var tuesdayEvening = AvailabilityGrid()
            tuesdayEvening.insert(weekday: 2, part: .evening)
            let action = try await MatchingFixtures.action(
                app, of: kitchen, title: "Koken voor de buurt", kind: .shift, district: "zuid", slots: tuesdayEvening)
            let actionPath = InitiativesPath.action(.value("buurtkeuken"), action: .value(try action.requireID())).path
            let browser = Browser(app)
            try await browser.logIn("fatima@example.nl")
            try await MatchingFixtures.saveProfile(browser, [("district", "zuid"), ("availability", "2-evening")])

            // MUT
            let page = try await browser.get(actionPath).body.string
            let forYou = try await browser.get(MatchingPath.forYou.path).body.string
            let profile = try await browser.get(MatchingPath.profile.path).body.string
            let englishPage = try await Browser(app).get(actionPath, headers: ["Accept-Language": "en"]).body.string

            // validation
            XCTAssertTrue(page.contains("Elke dinsdagavond"), page)
            XCTAssertFalse(page.contains("dinsdag, avond"))
            XCTAssertTrue(forYou.contains("elke dinsdagavond"), forYou)
            XCTAssertTrue(forYou.contains("</span>dinsdagavond"), "the reason: the same compound; \(forYou)")
            XCTAssertFalse(forYou.contains("dinsdag avond"))
            XCTAssertTrue(profile.contains("dinsdagavond"), "the profile's checkbox label too")
            XCTAssertTrue(englishPage.contains("Every Tuesday evening"), englishPage)
        }
    }

    func testTheDigestSaysEveryTuesdayEveningInEachLanguageWithMailSafeStyles() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup: Fatima reads Dutch, Olga English; both cook on Tuesday evenings
            let world = try await DigestWorld.make(app)
            let fatima = try await world.resident("fatima@example.nl", digest: true, skills: [world.cooking], domains: [])
            let olga = try await world.resident("olga@example.nl", digest: true, skills: [world.cooking], domains: [])
            olga.language = "en"
            try await olga.save(on: app.db)

            // MUT
            _ = try await WeeklyDigest(app: app).run(anyWeekday: true, dryRun: false)
            try await app.deliverMail()

            // validation
            let dutch = try XCTUnwrap(MailSink.messages(app: app, to: fatima.email).first)
            XCTAssertTrue(dutch.text.contains("elke dinsdagavond"), dutch.text)
            XCTAssertTrue(dutch.html.contains("elke dinsdagavond"), dutch.html)
            let english = try XCTUnwrap(MailSink.messages(app: app, to: olga.email).first)
            XCTAssertTrue(english.text.contains("every Tuesday evening"), english.text)
            for logical in ["inline-start", "inline-end", "block-start", "block-end"] {
                XCTAssertFalse(dutch.html.contains(logical), "mail programs ignore logical properties: \(logical)")
            }
            XCTAssertTrue(dutch.html.contains("padding-left"), dutch.html)
        }
    }
}
