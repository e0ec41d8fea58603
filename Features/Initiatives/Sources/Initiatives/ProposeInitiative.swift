import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// Proposing an initiative — the one way one is made, from the form (`CreateInitiative`) or from
/// an idea (matching's `ConvertIdea`) — in the caller's transaction: a pending initiative, unseen
/// by the public until a coordinator decides; the proposer its first organiser (the initiator);
/// `members` (an idea's supporters) its members, counted on approval; every coordinator mailed.
/// Each proposal mails every coordinator, so a person has at most `maxPending` waiting and
/// `limiter` proposals an hour. The same person proposing the same name while it waits lands on
/// the one they made.
public struct ProposeInitiative: Sendable {
    public enum Outcome: Sendable, Equatable {
        case proposed(id: UUID, slug: String)
        case alreadyProposed(slug: String)
        case tooManyPending
        case rateLimited
    }

    public static let maxPending = 3
    static let limiter = RateLimiter(name: "initiative-propose", limit: 5, window: 3600)

    public let app: Application

    public init(app: Application) { self.app = app }

    public func run(_ valid: InitiativeForm.Valid, by userID: UUID, members: [UUID] = [], on db: any Database) async throws -> Outcome {
        // Slugs are chosen by reading what is taken: one proposal at a time (SQLite's write
        // transactions already take turns); the lock also keeps the per-person checks exact.
        if db.isPostgres { try await db.sql.raw("SELECT pg_advisory_xact_lock(1101)").run() }
        let pending = try await Initiative.query(on: db).filter(\.$createdBy == userID).filter(\.$status == .pending)
            .limit(Self.maxPending + 10).all()
        if let earlier = pending.first(where: { $0.name.lowercased() == valid.name.lowercased() }) {
            return .alreadyProposed(slug: earlier.slug)
        }
        guard pending.count < Self.maxPending else { return .tooManyPending }
        let now = app.clock.now()
        guard try await Self.limiter.hit(userID.uuidString, now: now, on: db) else { return .rateLimited }

        let initiative = Initiative()
        initiative.slug = try await InitiativeSlug.unique(for: valid.name, on: db)
        initiative.status = .pending
        initiative.createdBy = userID
        initiative.createdAt = now
        initiative.confirmedMinutes = 0
        initiative.peopleReached = 0
        initiative.peopleConnected = 0
        try await valid.apply(to: initiative, now: now, on: db)

        let organiser = InitiativeOrganiser()
        organiser.initiativeID = try initiative.requireID()
        organiser.userID = userID
        organiser.isInitiator = true
        organiser.addedAt = now
        try await organiser.create(on: db)
        for member in Set(members) where member != userID {
            try await Connections.connect(member, to: initiative, via: .idea, at: now, on: db)
        }

        for coordinator in try await Self.coordinators(on: db) {
            try await app.mailer.enqueue(
                to: coordinator.email, language: coordinator.preferredLanguage, subjectKey: "initiatives.mail.organiser.new.subject",
                view: "initiatives/mail/new-initiative",
                context: ["name": initiative.name, "link": InitiativesPath.adminQueue.url(on: app)], on: db)
        }
        return .proposed(id: try initiative.requireID(), slug: initiative.slug)
    }

    /// Everyone who holds the coordinator role itself.
    static func coordinators(on db: any Database) async throws -> [User] {
        let ids = try await RoleGrant.query(on: db).filter(\.$role == Role.coordinator.rawValue).all().map(\.$user.id)
        guard !ids.isEmpty else { return [] }
        return try await User.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
    }
}
