import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// A resident proposes an initiative; it stays invisible (page, search, API) until a coordinator
/// approves it; then it is public, counted and found by a Dutch word form it does not contain.
final class InitiativeJourneyTests: XCTestCase {
    func testAProposedInitiativeIsPublicOnlyOnceACoordinatorApprovesIt() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            _ = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            _ = try await app.makeUser(name: "Coby Coördinator", email: "coby@example.nl", roles: [.coordinator])
            let fatima = Browser(app)
            try await fatima.logIn("fatima@example.nl")
            let (district, area) = InitiativeForms.place(app)

            // MUT: propose
            let created = try await fatima.postForm(
                InitiativesPath.new.path,
                InitiativeForms.fields(app, name: "Buurthuis De Pijp", district: district, area: area, underFlag: true))

            // validation: pending, seen by its initiator only
            XCTAssertEqual(created.status, .seeOther)
            XCTAssertEqual(created.location, "/initiatieven/buurthuis-de-pijp")
            let own = try await fatima.get("/initiatieven/buurthuis-de-pijp")
            XCTAssertEqual(own.status, .ok)
            XCTAssertTrue(own.body.string.contains("Buurthuis De Pijp"))
            let visitor = Browser(app)
            let hiddenPage = try await visitor.get("/initiatieven/buurthuis-de-pijp")
            let hiddenList = try await visitor.get("/initiatieven")
            let hiddenSearch = try await visitor.get("/initiatieven?q=buurthuizen")
            let hiddenAPI = try await visitor.get("/api/v1/initiatives/buurthuis-de-pijp")
            let hiddenAPIList = try await visitor.get("/api/v1/initiatives")
            XCTAssertEqual(hiddenPage.status, .notFound)
            XCTAssertFalse(hiddenList.body.string.contains("Buurthuis De Pijp"))
            XCTAssertFalse(hiddenSearch.body.string.contains("Buurthuis De Pijp"))
            XCTAssertEqual(hiddenAPI.status, .notFound)
            XCTAssertFalse(hiddenAPIList.body.string.contains("buurthuis-de-pijp"))
            try await app.deliverMail()
            let mail = try MailSink.messages(app: app, to: "coby@example.nl")
            XCTAssertEqual(mail.count, 1, "the coordinator is told")
            XCTAssertTrue(mail.first?.text.contains(InitiativesPath.adminQueue.path) ?? false)
            let before = try await InitiativeTotals.current(on: app.db)
            XCTAssertEqual(before.publicInitiatives, 0)

            // MUT: a coordinator approves
            let coby = Browser(app)
            try await coby.logIn("coby@example.nl")
            let queue = try await coby.get(InitiativesPath.adminQueue.path)
            XCTAssertTrue(queue.body.string.contains("Buurthuis De Pijp"))
            let initiative = try await Initiative.query(on: app.db).filter(\.$slug == "buurthuis-de-pijp").first()!
            let decide = InitiativesPath.adminDecide(.value(initiative.id!)).path
            let approved = try await coby.post(decide, ["decision": "approve"])
            let again = try await coby.post(decide, ["decision": "reject", "reason": "Te laat"])

            // validation: public, counted once, searchable with another word form
            XCTAssertEqual(approved.status, .seeOther)
            XCTAssertEqual(again.status, .seeOther, "a second decision is a named outcome")
            let stored = try await Initiative.find(initiative.id, on: app.db)!
            XCTAssertEqual(stored.status, .approved)
            XCTAssertNotNil(stored.decidedAt)
            let totals = try await InitiativeTotals.current(on: app.db)
            XCTAssertEqual(totals.publicInitiatives, 1)
            XCTAssertEqual(totals.underFlag, 1)
            let publicPage = try await visitor.get("/initiatieven/buurthuis-de-pijp")
            XCTAssertEqual(publicPage.status, .ok)
            let found = try await visitor.get("/initiatieven?q=buurthuizen")
            XCTAssertEqual(found.status, .ok)
            XCTAssertTrue(found.body.string.contains("/initiatieven/buurthuis-de-pijp"), "Dutch stemming finds it")
            XCTAssertTrue(found.body.string.contains("1 initiatief"))
            let api = try await visitor.get("/api/v1/initiatives/buurthuis-de-pijp")
            XCTAssertEqual(api.status, .ok)
            XCTAssertFalse(api.body.string.contains("fatima"), "nothing personal in open data")
            try await app.deliverMail()
            XCTAssertEqual(try MailSink.messages(app: app, to: "fatima@example.nl").count, 1, "the initiator hears")
            let problems = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testARejectionMailsTheReasonAndKeepsItHidden() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            _ = try await app.makeUser(name: "Joris Bakker", email: "joris@example.nl")
            _ = try await app.makeUser(name: "Coby C", email: "coby@example.nl", roles: [.coordinator])
            let joris = Browser(app)
            try await joris.logIn("joris@example.nl")
            try await joris.postForm(InitiativesPath.new.path, InitiativeForms.fields(app, name: "Moestuin Noord"))
            let initiative = try await Initiative.query(on: app.db).filter(\.$slug == "moestuin-noord").first()!
            let coby = Browser(app)
            try await coby.logIn("coby@example.nl")
            let decide = InitiativesPath.adminDecide(.value(initiative.id!)).path

            // MUT
            let noReason = try await coby.post(decide, ["decision": "reject", "reason": "  "])
            let rejected = try await coby.post(decide, ["decision": "reject", "reason": "Dit bestaat al als Tuin Noord."])

            // validation
            XCTAssertEqual(noReason.status, .badRequest)
            noReason.assertFormErrors(title: "Initiatieven beoordelen", links: [("reason-\(initiative.id!.uuidString)", "waarom")])
            XCTAssertEqual(rejected.status, .seeOther)
            let status = try await Initiative.find(initiative.id, on: app.db)?.status
            XCTAssertEqual(status, .rejected)
            try await app.deliverMail()
            XCTAssertTrue(
                try MailSink.messages(app: app, to: "joris@example.nl").last?.text.contains("Dit bestaat al als Tuin Noord.") ?? false)
            let hidden = try await Browser(app).get("/initiatieven/moestuin-noord")
            XCTAssertEqual(hidden.status, .notFound)
            let totals = try await InitiativeTotals.current(on: app.db)
            XCTAssertEqual(totals.publicInitiatives, 0)
            let problems = try await InitiativesFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}

/// The form as a browser posts it (domains and agendas are repeated fields).
enum InitiativeForms {
    static func place(_ app: Application) -> (district: String, area: String) {
        let district = app.reference.districts.first { !$0.areas.isEmpty }!
        return (district.slug, district.areas[0].slug)
    }

    static func fields(
        _ app: Application, name: String, district: String = "", area: String = "", domains: [String]? = nil, underFlag: Bool = false
    ) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("name", name), ("summary", "Samen koken en eten met de buurt."), ("why", "Omdat niemand alleen hoeft te eten."),
            ("district", district), ("area", area), ("contact", "www.voorbeeld.nl"),
        ]
        for domain in domains ?? [app.reference.domains[0].slug] { fields.append(("domains", domain)) }
        if underFlag { fields.append(("under_flag", "1")) }
        return fields
    }
}

extension Browser {
    /// A new resident's browser, signed in.
    static func signedIn(_ app: Application, name: String, email: String) async throws -> Browser {
        _ = try await app.makeUser(name: name, email: email)
        let browser = Browser(app)
        try await browser.logIn(email)
        return browser
    }

    /// Posts fields in order, with repeated names, and the form token.
    @discardableResult
    func postForm(_ path: String, _ fields: [(String, String)]) async throws -> XCTHTTPResponse {
        if csrfToken == nil { try await get("/") }
        let all = fields + [("_csrf", csrfToken ?? "")]
        let body = all.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")
        return try await post(path, rawBody: ByteBuffer(string: body))
    }
}
