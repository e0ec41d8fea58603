import Fluent
import Foundation
import KrachtCore

/// How long matching keeps what residents wrote: messages a year after they were sent, a
/// withdrawn idea a year after it was withdrawn. (Open ideas stay while they are open.)
enum MatchingRetention {
    static let messageDays = 365
    static let withdrawnIdeaDays = 365

    static func purge(now: Date, on db: any Database) async throws {
        let day: TimeInterval = 86_400
        try await PlatformMessage.query(on: db).filter(\.$createdAt < now.addingTimeInterval(-Double(messageDays) * day)).delete()
        let withdrawn = try await Idea.query(on: db).filter(\.$status == .withdrawn)
            .filter(\.$updatedAt < now.addingTimeInterval(-Double(withdrawnIdeaDays) * day)).all()
        for idea in withdrawn {
            try await IdeaSearch.index.remove(id: try idea.requireID(), on: db)
            try await idea.delete(on: db)
        }
    }
}
