import Fluent
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Matching

/// For the digest tests: Esra's initiative with an open action asking "koken" in De Pijp (made by
/// `MatchingFixtures`), and residents with profiles.
struct DigestWorld {
    let app: Application
    let initiative: Initiative
    let cooking: UUID
    let actionPath: String

    static func make(_ app: Application) async throws -> DigestWorld {
        let organiser = try await app.makeUser(name: "Esra Organisator", email: "esra@example.nl")
        let initiative = try await MatchingFixtures.initiative(
            app, slug: "buurtkeuken-de-pijp", name: "Buurtkeuken De Pijp", domains: ["armoede"], organiser: organiser,
            district: "zuid", area: "de-pijp-rivierenbuurt", underFlag: true)
        let action = try await action("Koken in de buurtkeuken", of: initiative, app)
        let cooking = try await Skill.query(on: app.db).filter(\.$normalized == "koken").first()
        return DigestWorld(
            app: app, initiative: initiative, cooking: try XCTUnwrap(cooking).requireID(),
            actionPath: InitiativesPath.action(.value(initiative.slug), action: .value(try action.requireID())).path)
    }

    /// A weekly shift on Tuesday evening asking "koken", created now.
    @discardableResult
    func action(_ title: String) async throws -> InitiativeAction {
        try await Self.action(title, of: initiative, app)
    }

    private static func action(_ title: String, of initiative: Initiative, _ app: Application) async throws -> InitiativeAction {
        try await MatchingFixtures.action(
            app, of: initiative, title: title, kind: .shift, skills: ["koken"], district: "zuid", area: "de-pijp-rivierenbuurt",
            slots: AvailabilityGrid(bits: AvailabilityGrid.bit(weekday: 2, part: .evening)), languages: ["nl"], places: 4)
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
