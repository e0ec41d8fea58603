import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// "Ik wil meedoen" on an idea and taking it back: one row per person, `supporterCount` kept
/// with it. Repeating either lands on the same outcome. The author does not support their own.
struct SupportIdea: Sendable {
    enum Outcome: Sendable, Equatable {
        case supporting, notSupporting
        case ownIdea, notOpen, notFound
    }

    let app: Application

    func run(_ id: UUID, by user: User, support: Bool) async throws -> Outcome {
        let userID = try user.requireID()
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard let idea = try await Idea.locked(id, on: db), IdeaSearch.isIndexed(idea.status) else { return .notFound }
            if idea.authorID == userID { return .ownIdea }
            let existing = try await IdeaSupporter.query(on: db).filter(\.$ideaID == id).filter(\.$userID == userID).first()
            if support {
                if existing != nil { return .supporting }
                // Supporters become the initiative's members: joining stops once it is proposed.
                guard idea.status == .open else { return .notOpen }
                let row = IdeaSupporter()
                row.ideaID = id
                row.userID = userID
                row.createdAt = now
                try await row.create(on: db)
                try await Self.adjust(id, by: 1, on: db)
                return .supporting
            }
            guard let existing else { return .notSupporting }
            guard idea.status == .open else { return .notOpen }
            try await existing.delete(on: db)
            try await Self.adjust(id, by: -1, on: db)
            return .notSupporting
        }
    }

    static func adjust(_ ideaID: UUID, by delta: Int, on db: any Database) async throws {
        try await db.sql.raw("UPDATE ideas SET supporter_count = supporter_count + \(bind: delta) WHERE id = \(bind: ideaID)").run()
    }
}
