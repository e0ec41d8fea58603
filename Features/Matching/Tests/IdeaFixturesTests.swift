import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Initiatives
@testable import Matching

/// Ideas, profiles and approvals made the short way, for the ideas' and messages' tests.
enum IdeaFixtures {
    /// A new resident, signed in in a browser of their own.
    static func resident(
        _ app: Application, name: String, email: String, roles: [Role] = []
    ) async throws -> (user: User, browser: Browser) {
        let user = try await app.makeUser(name: name, email: email, roles: roles)
        let browser = Browser(app)
        try await browser.logIn(email)
        return (user, browser)
    }

    static func profile(of user: User, domains: [String], area: String?, findable: Bool, on db: any Database) async throws {
        let profile = ResidentProfile()
        profile.userID = try user.requireID()
        profile.area = area
        profile.district = area == nil ? nil : "zuid"
        profile.availability = 0
        profile.languages = ""
        profile.findable = findable
        profile.digest = false
        profile.updatedAt = Date()
        try await profile.create(on: db)
        for slug in domains {
            let domain = ProfileDomain()
            domain.userID = try user.requireID()
            domain.domain = slug
            try await domain.create(on: db)
        }
    }

    /// Posts an idea through the form; its id from the redirect.
    static func post(
        _ browser: Browser, title: String, body: String, area: String?, domains: [String], file: StaticString = #filePath,
        line: UInt = #line
    ) async throws -> UUID {
        var fields = ["title": title, "body": body, "area": area ?? ""]
        // The browser helper posts one value a name: the first domain, the rest by a raw body.
        if domains.count <= 1 {
            fields["domains"] = domains.first ?? ""
            let response = try await browser.post("/ideeen/nieuw", fields)
            return try id(response, file: file, line: line)
        }
        if browser.csrfToken == nil { try await browser.get("/") }
        fields["_csrf"] = browser.csrfToken
        let encoded =
            fields.map { "\(Browser.encode($0.key))=\(Browser.encode($0.value))" } + domains.map { "domains=\(Browser.encode($0))" }
        let response = try await browser.post("/ideeen/nieuw", rawBody: ByteBuffer(string: encoded.joined(separator: "&")))
        return try id(response, file: file, line: line)
    }

    private static func id(_ response: XCTHTTPResponse, file: StaticString, line: UInt) throws -> UUID {
        XCTAssertEqual(response.status, .seeOther, response.body.string.prefix(500).description, file: file, line: line)
        let location = try XCTUnwrap(response.location, file: file, line: line)
        return try XCTUnwrap(UUID(uuidString: String(location.split(separator: "/").last ?? "")), file: file, line: line)
    }

    /// The coordinator's decision, by the initiatives' own command (the queue page calls it).
    @discardableResult
    static func decide(_ initiative: Initiative, approve: Bool, app: Application) async throws -> DecideInitiative.Outcome {
        let coordinator = try await app.makeUser(
            name: "Cora Coördinator", email: "cora-\(UUID().uuidString.prefix(8))@example.nl", roles: [.coordinator])
        return try await DecideInitiative(app: app).run(
            approve ? .approve : .reject(reason: "Past niet bij de beweging."), initiativeID: try initiative.requireID(),
            by: coordinator, language: .nl)
    }
}
