import Fluent
import Foundation
import Initiatives
import KrachtCore
import SQLKit
import Vapor

/// Its author turns an open idea into an initiative under the flag: a pending initiative (a
/// coordinator decides), the author its initiator, every supporter a member (counted when it is
/// approved), the idea `proposed` until the decision (`IdeaDecision`). One transaction; the
/// coordinators are mailed. Posting again lands on the initiative already proposed.
struct ConvertIdea: Sendable {
    enum Outcome: Sendable, Equatable {
        case proposed(slug: String)
        case invalid(FormErrors)
        case notOpen, notFound
    }

    let app: Application

    func run(_ id: UUID, _ form: ConvertForm, by author: User, language: Language) async throws -> Outcome {
        let app = self.app
        let authorID = try author.requireID()
        let t: @Sendable (String) -> String = { app.catalogue.text($0, in: language) }
        return try await app.db.writeTransaction { db -> Outcome in
            guard let idea = try await Idea.locked(id, on: db), idea.authorID == authorID else { return .notFound }
            if idea.status == .proposed, let initiativeID = idea.initiativeID,
                let earlier = try await Initiative.find(initiativeID, on: db)
            {
                return .proposed(slug: earlier.slug)
            }
            guard idea.status == .open else { return .notOpen }
            let valid: ConvertForm.Valid
            switch form.validate(app.reference, t) {
            case .invalid(let errors): return .invalid(errors)
            case .valid(let checked): valid = checked
            }
            let now = app.clock.now()
            let initiative = try await Self.createInitiative(valid, by: authorID, at: now, on: db)
            for supporter in try await IdeaSupporter.query(on: db).filter(\.$ideaID == id).all() {
                try await Connections.connect(supporter.userID, to: initiative, via: .idea, at: now, on: db)
            }
            idea.status = .proposed
            idea.initiativeID = try initiative.requireID()
            idea.updatedAt = now
            try await idea.save(on: db)
            try await IdeaSearch.sync(idea, on: db)
            for coordinator in try await Self.coordinators(on: db) {
                try await app.mailer.enqueue(
                    to: coordinator.email, language: coordinator.preferredLanguage, subjectKey: "matching.idea.mail.proposed.subject",
                    view: "matching/idea-mail-proposed",
                    context: ["name": coordinator.name, "initiative": initiative.name, "link": InitiativesPath.adminQueue.url(on: app)],
                    on: db)
            }
            return .proposed(slug: initiative.slug)
        }
    }

    private static func createInitiative(_ valid: ConvertForm.Valid, by authorID: UUID, at now: Date, on db: any Database) async throws
        -> Initiative
    {
        // Slugs are chosen by reading what is taken: one creation at a time, as the initiatives'
        // own form does (the same advisory lock; SQLite's write transactions take turns).
        if db.isPostgres { try await db.sql.raw("SELECT pg_advisory_xact_lock(1101)").run() }
        let initiative = Initiative()
        initiative.slug = try await IdeaSlug.unique(for: valid.name, on: db)
        initiative.name = valid.name
        initiative.summary = valid.summary
        initiative.why = valid.why
        initiative.district = valid.district
        initiative.area = valid.area
        initiative.contact = valid.contact
        initiative.underFlag = true
        initiative.status = .pending
        initiative.createdBy = authorID
        initiative.createdAt = now
        initiative.updatedAt = now
        initiative.confirmedMinutes = 0
        initiative.peopleReached = 0
        initiative.peopleConnected = 0
        try await initiative.create(on: db)
        let initiativeID = try initiative.requireID()
        for domain in valid.domains { try await InitiativeDomain(initiativeID: initiativeID, domain: domain).create(on: db) }
        let organiser = InitiativeOrganiser()
        organiser.initiativeID = initiativeID
        organiser.userID = authorID
        organiser.isInitiator = true
        organiser.addedAt = now
        try await organiser.create(on: db)
        return initiative
    }

    static func coordinators(on db: any Database) async throws -> [User] {
        let ids = try await RoleGrant.query(on: db).filter(\.$role == Role.coordinator.rawValue).all().map(\.$user.id)
        guard !ids.isEmpty else { return [] }
        return try await User.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
    }
}

/// An initiative's slug by the initiatives' rules (`InitiativeSlug`, internal to that module):
/// folded, hyphenated, unique by -2, -3…, never a reserved path.
enum IdeaSlug {
    static func unique(for name: String, on db: any Database) async throws -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var slug = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII && CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        slug = String(slug.prefix(60)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        let base = slug.isEmpty ? "initiatief" : slug
        let taken = Set(try await Initiative.query(on: db).filter(\.$slug =~ base).all().map(\.slug))
        var candidate = base
        var n = 1
        while taken.contains(candidate) || InitiativesPath.reservedSlugs.contains(candidate) {
            n += 1
            candidate = "\(base)-\(n)"
        }
        return candidate
    }
}
