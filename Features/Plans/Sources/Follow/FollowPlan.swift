import Fluent
import Foundation
import KrachtCore
import Vapor

/// Following a published plan or no longer: once per person however often it is posted, with
/// `Plan.followerCount` kept in the same transaction. Following again also turns the digest
/// back on (the person asks for mail again).
struct FollowPlan {
    enum Outcome: Equatable { case followed, alreadyFollowing, unfollowed, notFollowing, notPublished }

    let app: Application

    func run(planID: UUID, userID: UUID, follow: Bool) async throws -> Outcome {
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            // The plan's row lock makes two posts at once take turns, so the count stays right.
            guard let plan = try await Plan.locked(planID, on: db), plan.isPublished else { return .notPublished }
            let existing = try await PlanFollow.query(on: db).filter(\.$planID == planID).filter(\.$userID == userID).first()
            if follow {
                try await PlanDigestOptOut.query(on: db).filter(\.$userID == userID).delete()
                guard existing == nil else { return .alreadyFollowing }
                let row = PlanFollow()
                row.planID = planID
                row.userID = userID
                row.createdAt = now
                try await row.create(on: db)
                try await Self.adjustCount(planID, by: 1, on: db)
                return .followed
            }
            guard let existing else { return .notFollowing }
            try await existing.delete(on: db)
            try await Self.adjustCount(planID, by: -1, on: db)
            return .unfollowed
        }
    }

    /// One statement, so a count changed elsewhere in the transaction is not overwritten.
    static func adjustCount(_ planID: UUID, by delta: Int, on db: any Database) async throws {
        try await db.sql.raw(
            "UPDATE plans SET follower_count = follower_count + \(bind: delta) WHERE id = \(bind: planID)"
        ).run()
    }
}
