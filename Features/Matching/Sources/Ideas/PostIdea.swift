import Fluent
import Foundation
import KrachtCore
import Vapor

/// Posting, editing and withdrawing an idea: each one transaction that keeps the search index
/// in step. Only its author edits or withdraws it, and only while it is open. A person has at
/// most `maxOpen` open ideas and posts at most `limiter` an hour, so the compass cannot be flooded.
struct PostIdea: Sendable {
    enum Outcome: Sendable, Equatable {
        case posted(UUID)
        case invalid(FormErrors)
        case notFound
        /// Not open any more (proposed, converted, withdrawn): it cannot change.
        case notOpen
        case tooManyOpen, rateLimited
    }

    static let maxOpen = 20
    static let limiter = RateLimiter(name: "idea-post", limit: 10, window: 3600)

    let app: Application

    func create(_ input: IdeaInput, by author: User) async throws -> Outcome {
        let authorID = try author.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            let open = try await Idea.query(on: db).filter(\.$authorID == authorID).filter(\.$status == .open).count()
            guard open < Self.maxOpen else { return .tooManyOpen }
            guard try await Self.limiter.hit(authorID.uuidString, now: now, on: db) else { return .rateLimited }
            let idea = Idea()
            idea.id = UUID()
            idea.authorID = authorID
            idea.status = .open
            idea.supporterCount = 0
            idea.createdAt = now
            try await Self.apply(input, to: idea, at: now, on: db)
            return .posted(try idea.requireID())
        }
    }

    func edit(_ id: UUID, _ input: IdeaInput, by author: User) async throws -> Outcome {
        let authorID = try author.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard let idea = try await Idea.locked(id, on: db), idea.authorID == authorID else { return .notFound }
            guard idea.status == .open else { return .notOpen }
            try await Self.apply(input, to: idea, at: now, on: db)
            return .posted(id)
        }
    }

    func withdraw(_ id: UUID, by author: User) async throws -> Outcome {
        let authorID = try author.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard let idea = try await Idea.locked(id, on: db), idea.authorID == authorID else { return .notFound }
            // Withdrawing twice lands where the first did.
            if idea.status == .withdrawn { return .posted(id) }
            guard idea.status == .open else { return .notOpen }
            idea.status = .withdrawn
            idea.updatedAt = now
            try await idea.save(on: db)
            try await IdeaSearch.sync(idea, on: db)
            return .posted(id)
        }
    }

    private static func apply(_ input: IdeaInput, to idea: Idea, at now: Date, on db: any Database) async throws {
        idea.title = input.title
        idea.body = input.body
        idea.district = input.district
        idea.area = input.area
        idea.updatedAt = now
        try await idea.save(on: db)
        let id = try idea.requireID()
        try await IdeaDomain.query(on: db).filter(\.$ideaID == id).delete()
        for slug in input.domains {
            let domain = IdeaDomain()
            domain.ideaID = id
            domain.domain = slug
            try await domain.create(on: db)
        }
        try await IdeaSearch.sync(idea, on: db)
    }
}
