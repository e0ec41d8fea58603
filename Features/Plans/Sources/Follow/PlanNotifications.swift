import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// What the next digest tells: called in the transaction of the change it tells of. Each
/// person gets a row per event and one digest job per 15-minute window, so everything recorded
/// in a window goes out in one mail; nothing is recorded for a person who turned the digest off.
enum PlanNotifications {
    /// Rows and jobs inserted per statement (well under either engine's limit of parameters).
    static let batchSize = 500

    /// Something for `userIDs` (an opted-out person gets nothing).
    static func record(
        _ kind: PlanNotification.Kind, for userIDs: [UUID], planID: UUID, subjectID: UUID, now: Date, on db: any Database
    ) async throws {
        let wanted = Array(Set(userIDs))
        guard !wanted.isEmpty else { return }
        let optedOut = Set(
            try await PlanDigestOptOut.query(on: db).filter(\.$userID ~~ wanted).all(\.$userID))
        try await insert(kind, for: wanted.filter { !optedOut.contains($0) }, planID: planID, subjectID: subjectID, now: now, on: db)
    }

    /// A new version: for every follower of the plan (one query for them all).
    static func versionPublished(planID: UUID, versionID: UUID, now: Date, on db: any Database) async throws {
        let followers = try await db.sql.raw(
            """
            SELECT user_id FROM plan_follows WHERE plan_id = \(bind: planID)
            AND user_id NOT IN (SELECT user_id FROM plan_digest_optouts)
            """
        ).all().map { try $0.decode(column: "user_id", as: UUID.self) }
        try await insert(.versionPublished, for: followers, planID: planID, subjectID: versionID, now: now, on: db)
    }

    private static func insert(
        _ kind: PlanNotification.Kind, for userIDs: [UUID], planID: UUID, subjectID: UUID, now: Date, on db: any Database
    ) async throws {
        let runAt = now.addingTimeInterval(PlanDigest.delay)
        for start in stride(from: 0, to: userIDs.count, by: batchSize) {
            let batch = Array(userIDs[start..<min(start + batchSize, userIDs.count)])
            let rows = batch.map { userID in
                let row = PlanNotification()
                row.userID = userID
                row.planID = planID
                row.kind = kind
                row.subjectID = subjectID
                row.createdAt = now
                return row
            }
            try await rows.create(on: db)
            try await enqueueDigests(for: batch, runAt: runAt, now: now, on: db)
        }
    }

    /// One digest job per person per window; a second event in the window finds its job there.
    private static func enqueueDigests(for userIDs: [UUID], runAt: Date, now: Date, on db: any Database) async throws {
        let rows = userIDs.map { userID -> SQLQueryString in
            "(\(bind: UUID()), \(bind: PlanDigest.kind), \(bind: userID.uuidString), \(bind: PlanDigest.uniqueKey(userID, now: now)), 'queued', 0, 5, \(bind: runAt), \(bind: now))"
        }
        try await db.sql.raw(
            """
            INSERT INTO jobs (id, kind, payload, unique_key, status, attempts, max_attempts, next_attempt_at, created_at)
            VALUES \(rows.joined(separator: ", ")) ON CONFLICT (unique_key) DO NOTHING
            """
        ).run()
    }
}
