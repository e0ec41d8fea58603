import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// The digest job: one person's unsent notifications in one mail. The rows are claimed (their
/// `sentAt` set, only where it was still empty) in the transaction that puts the mail in the
/// outbox, so a job run twice, or by two instances at once, mails once.
enum PlanDigest {
    static let kind = "plans.digest"
    /// A window's events wait this long, so the ones that follow soon after join the same mail.
    static let delay: TimeInterval = 15 * 60
    static let jobs: [JobDefinition] = [
        JobDefinition(kind: kind) { app, payload in
            guard let userID = UUID(uuidString: payload) else { return }
            _ = try await send(to: userID, app: app)
        }
    ]
    static let scheduled: [ScheduledJob] = []

    /// `plans.digest.<user>.<window>`, the window being the 15-minute bucket of `now`.
    static func uniqueKey(_ userID: UUID, now: Date) -> String {
        "\(kind).\(userID.uuidString).\(Int(now.timeIntervalSince1970 / delay))"
    }

    /// Mails the person's unsent news, if any; returns whether a mail went to the outbox.
    @discardableResult
    static func send(to userID: UUID, app: Application) async throws -> Bool {
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            let claimed = try await db.sql.raw(
                """
                UPDATE plan_notifications SET sent_at = \(bind: now)
                WHERE user_id = \(bind: userID) AND sent_at IS NULL RETURNING id
                """
            ).all().map { try $0.decode(column: "id", as: UUID.self) }
            guard !claimed.isEmpty, let user = try await User.find(userID, on: db) else { return false }
            let notifications = try await PlanNotification.query(on: db).filter(\.$id ~~ claimed).sort(\.$createdAt).all()
            let items = try await PlanDigestItems.load(notifications, language: user.preferredLanguage, app: app, on: db)
            guard !items.isEmpty else { return false }
            try await PlanDigestMail(app: app).enqueue(items, to: user, on: db)
            return true
        }
    }
}
