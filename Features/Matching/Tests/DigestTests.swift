import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Matching

/// The weekly digest: only residents who opted in and have something new get it, once a week
/// however often it runs, each action with its reasons and link; the unsubscribe link works
/// without signing in, and a bad link changes nothing.
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

    func testTheUnsubscribeLinkWorksWithoutSigningInAndABadLinkChangesNothing() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let world = try await DigestWorld.make(app)
            let fatima = try await world.resident("fatima@example.nl", digest: true, skills: [world.cooking], domains: [])
            let token = DigestUnsubscribeToken.make(userID: try fatima.requireID(), key: app.config.secretKey)
            let path = MatchingPath.digestUnsubscribe(.value(token)).path
            let browser = Browser(app)

            // MUT: a forged link, asked and posted
            let forged = String(token.dropLast()) + (token.hasSuffix("0") ? "1" : "0")
            let badPage = try await browser.get(MatchingPath.digestUnsubscribe(.value(forged)).path)
            let badPost = try await browser.post(MatchingPath.digestUnsubscribe(.value(forged)).path)

            // validation
            XCTAssertEqual(badPage.status, .notFound)
            XCTAssertTrue(badPage.body.string.contains("Deze link werkt niet"))
            XCTAssertEqual(badPost.status, .notFound)
            let value3 = try await world.digestOn(fatima)
            XCTAssertTrue(value3)

            // MUT: the real link asks first, then the button turns it off, twice to the same end
            let page = try await browser.get(path)
            let value4 = try await world.digestOn(fatima)
            XCTAssertTrue(value4)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Stop de wekelijkse mail"))
            let done = try await browser.post(path)
            let twice = try await browser.post(path)

            // validation
            XCTAssertEqual(done.status, .ok)
            XCTAssertTrue(done.body.string.contains("Je krijgt de wekelijkse mail niet meer"))
            XCTAssertTrue(twice.body.string.contains("staat al uit"))
            let value5 = try await world.digestOn(fatima)
            XCTAssertFalse(value5)
        }
    }

    func testAMailProgramsOneClickPostNeedsNoCookie() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let world = try await DigestWorld.make(app)
            let fatima = try await world.resident("fatima@example.nl", digest: true, skills: [world.cooking], domains: [])
            let token = DigestUnsubscribeToken.make(userID: try fatima.requireID(), key: app.config.secretKey)

            // MUT: RFC 8058's POST, without cookie or form token
            let response = try await Browser(app).post(
                MatchingPath.digestOneClick(token: token).path, ["List-Unsubscribe": "One-Click"], csrf: false)

            // validation
            XCTAssertEqual(response.status, .ok)
            let value6 = try await world.digestOn(fatima)
            XCTAssertFalse(value6)
        }
    }
}

/// An initiative with an open action asking "koken" in De Pijp, and residents with profiles.
struct DigestWorld {
    let app: Application
    let initiative: Initiative
    let cooking: UUID
    var actionPath = ""

    static func make(_ app: Application) async throws -> DigestWorld {
        let now = app.clock.now()
        let organiser = try await app.makeUser(name: "Esra Organisator", email: "esra@example.nl")
        let skill = Skill()
        skill.name = "koken"
        skill.normalized = "koken"
        skill.createdAt = now
        try await skill.create(on: app.db)
        let initiative = Initiative()
        initiative.slug = "buurtkeuken-de-pijp"
        initiative.name = "Buurtkeuken De Pijp"
        initiative.summary = "Samen koken en eten."
        initiative.why = "Omdat niemand alleen hoeft te eten."
        initiative.district = "zuid"
        initiative.area = "de-pijp-rivierenbuurt"
        initiative.underFlag = true
        initiative.status = .approved
        initiative.createdBy = organiser.id
        initiative.createdAt = now
        initiative.updatedAt = now
        initiative.confirmedMinutes = 0
        initiative.peopleReached = 0
        initiative.peopleConnected = 0
        try await initiative.create(on: app.db)
        try await InitiativeDomain(initiativeID: initiative.requireID(), domain: "armoede").create(on: app.db)
        let row = InitiativeOrganiser()
        row.initiativeID = try initiative.requireID()
        row.userID = try organiser.requireID()
        row.isInitiator = true
        row.addedAt = now
        try await row.create(on: app.db)
        var world = DigestWorld(app: app, initiative: initiative, cooking: try skill.requireID())
        let action = try await world.action("Koken in de buurtkeuken")
        world.actionPath = InitiativesPath.action(.value(initiative.slug), action: .value(try action.requireID())).path
        return world
    }

    /// A weekly shift on Tuesday evening asking "koken", created now.
    @discardableResult
    func action(_ title: String) async throws -> InitiativeAction {
        let now = app.clock.now()
        let action = InitiativeAction()
        action.initiativeID = try initiative.requireID()
        action.title = title
        action.description = "Elke dinsdagavond koken we voor dertig buren."
        action.kind = .shift
        action.minutesNeeded = 180
        action.weekday = 2
        action.dayPart = AvailabilityGrid.DayPart.evening.rawValue
        action.slots = AvailabilityGrid.bit(weekday: 2, part: .evening)
        action.online = false
        action.district = "zuid"
        action.area = "de-pijp-rivierenbuurt"
        action.languages = "nl"
        action.places = 4
        action.acceptedCount = 0
        action.status = .open
        action.createdAt = now
        action.updatedAt = now
        try await action.create(on: app.db)
        try await ActionSkill(actionID: action.requireID(), skillID: cooking).create(on: app.db)
        try await InitiativeTotals.actionsChanged(on: app.db)
        return action
    }

    func resident(_ email: String, digest: Bool, skills: [UUID], domains: [String]) async throws -> User {
        let user = try await app.makeUser(name: String(email.prefix { $0 != "@" }).capitalized + " Bewoner", email: email)
        let profile = ResidentProfile()
        profile.userID = try user.requireID()
        profile.district = "zuid"
        profile.area = "de-pijp-rivierenbuurt"
        profile.availability = AvailabilityGrid.bit(weekday: 2, part: .evening)
        profile.languages = "nl"
        profile.findable = false
        profile.digest = digest
        profile.updatedAt = app.clock.now()
        try await profile.create(on: app.db)
        for skill in skills {
            let row = ProfileSkill()
            row.userID = try user.requireID()
            row.skillID = skill
            try await row.create(on: app.db)
        }
        for domain in domains {
            let row = ProfileDomain()
            row.userID = try user.requireID()
            row.domain = domain
            try await row.create(on: app.db)
        }
        return user
    }

    func follow(_ user: User) async throws {
        let follow = InitiativeFollow()
        follow.initiativeID = try initiative.requireID()
        follow.userID = try user.requireID()
        follow.createdAt = app.clock.now()
        try await follow.create(on: app.db)
    }

    func digestOn(_ user: User) async throws -> Bool {
        try await ResidentProfile.query(on: app.db).filter(\.$userID == user.requireID()).first()?.digest ?? false
    }
}
