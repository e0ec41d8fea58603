import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// Sends a mailing that `SendMailing` started: hands its recipients to the outbox in batches,
/// each batch in ONE transaction (the outbox rows and the recipients marked `handed` with them),
/// at `KRACHT_MAILING_RATE` messages per minute (0: as fast as possible). With a rate, a step
/// hands over at most a minute's worth (at most `batchSize`), their `next_attempt_at` staggered
/// 60/rate seconds apart, and the next step is a job at the end of that stretch.
///
/// Restart-safe: whatever stops the server, the next step (the job again once its lease ran
/// out, or its follow-up) takes the recipients still `queued`; a recipient is marked in the same
/// transaction as its message, and the mark is checked (`WHERE status = 'queued'`), so two steps
/// at once cannot both hand over the same one. Each step carries the mailing's `job_token`: a job
/// left behind by a restart finds another token and does nothing. The messages themselves are
/// sent at most once (`app.atMostOnceMailViews`, see `OutboxDelivery`).
///
/// Done when every recipient is handed over and the outbox holds none of its messages pending:
/// status `sent`, with the counts of sent and failed messages.
enum MailingSender {
    static let kind = "mailings.send"
    static let batchSize = 500
    /// How long to wait before looking again whether the outbox delivered everything.
    static let checkAfter: TimeInterval = 5

    static func job() -> JobDefinition {
        JobDefinition(kind: kind, maxAttempts: 20) { app, payload in try await step(payload: payload, app: app) }
    }

    static func payload(_ id: UUID, token: String) -> String { "\(id.uuidString) \(token)" }

    /// Schedules the next step: a new token (the old job's becomes stale) and its job, in one transaction.
    static func schedule(_ mailing: Mailing, at: Date, on db: any Database) async throws {
        let token = UUID().uuidString
        mailing.jobToken = token
        try await mailing.save(on: db)
        try await JobQueue.enqueue(kind, payload: payload(try mailing.requireID(), token: token), runAt: at, on: db)
    }

    /// One run of the job. `maxBatches` stops early (a test's server that dies after some batches).
    static func step(payload: String, app: Application, maxBatches: Int = .max) async throws {
        let parts = payload.split(separator: " ").map(String.init)
        guard parts.count == 2, let id = UUID(uuidString: parts[0]), let mailing = try await Mailing.find(id, on: app.db),
            mailing.status == .sending, mailing.jobToken == parts[1]
        else { return }
        let message = try MailingMessage(mailing, app: app)
        let rate = app.config.mailingRate
        var handed = 0
        var batches = 0
        if rate == 0 {
            while batches < maxBatches, case let count = try await handOver(mailing, message, limit: batchSize, spacing: 0, app: app),
                count > 0
            {
                handed += count
                batches += 1
            }
        } else if maxBatches > 0 {
            handed = try await handOver(mailing, message, limit: min(rate, batchSize), spacing: 60 / Double(rate), app: app)
            batches = 1
        }
        if batches >= maxBatches, maxBatches != .max { return }
        let now = app.clock.now()
        let queued = try await MailingRecipient.query(on: app.db).filter(\.$mailingID == id).filter(\.$status == .queued).count()
        if queued > 0 {
            let next = rate == 0 ? now : now.addingTimeInterval(Double(max(handed, 1)) * 60 / Double(rate))
            try await app.db.transaction { tx in try await schedule(mailing, at: next, on: tx) }
            return
        }
        if try await finish(mailing, app: app) { return }
        try await app.db.transaction { tx in try await schedule(mailing, at: now.addingTimeInterval(checkAfter), on: tx) }
    }

    struct Row: Decodable {
        var id: UUID
        var subscriber_id: UUID
        var email: String
        var language: String
        var status: String
        var bounced_at: Date?
    }

    struct AlreadyHanded: Error {}

    /// Hands up to `limit` queued recipients to the outbox in one transaction; how many it took
    /// (0: none left). A subscriber who left or bounced since the snapshot is skipped.
    static func handOver(_ mailing: Mailing, _ message: MailingMessage, limit: Int, spacing: TimeInterval, app: Application)
        async throws -> Int
    {
        let id = try mailing.requireID()
        do {
            return try await app.db.transaction { tx in
                let rows = try await tx.sql.raw(
                    """
                    SELECT r.id, r.subscriber_id, s.email, s.language, s.status, s.bounced_at
                    FROM mailing_recipients r JOIN newsletter_subscribers s ON s.id = r.subscriber_id
                    WHERE r.mailing_id = \(bind: id) AND r.status = 'queued' ORDER BY r.id LIMIT \(unsafeRaw: String(limit))
                    """
                ).all(decoding: Row.self)
                guard !rows.isEmpty else { return 0 }
                let now = app.clock.now()
                var mails: [PendingMail] = []
                for row in rows {
                    let goes = row.status == NewsletterSubscriber.Status.confirmed.rawValue && row.bounced_at == nil && !row.email.isEmpty
                    var outboxID: UUID?
                    if goes {
                        var mail = try message.compose(
                            to: row.email, language: Language(rawValue: row.language) ?? .nl,
                            links: NewsletterLinks(subscriberID: row.subscriber_id, app: app), app: app)
                        outboxID = UUID()
                        mail.id = outboxID
                        mail.nextAttemptAt = now.addingTimeInterval(spacing * Double(mails.count))
                        mails.append(mail)
                    }
                    let marked = try await tx.sql.raw(
                        """
                        UPDATE mailing_recipients SET status = \(bind: goes ? "handed" : "skipped"), outbox_id = \(bind: outboxID)
                        WHERE id = \(bind: row.id) AND status = 'queued' RETURNING id
                        """
                    ).all()
                    // Another step took it meanwhile: this whole batch is undone.
                    guard !marked.isEmpty else { throw AlreadyHanded() }
                }
                try await PendingMail.insert(mails, now: now, on: tx)
                return rows.count
            }
        } catch is AlreadyHanded {
            return 0
        }
    }

    /// Status `sent` once none of its messages is pending in the outbox; false while some are.
    static func finish(_ mailing: Mailing, app: Application) async throws -> Bool {
        let id = try mailing.requireID()
        struct Counts: Decodable {
            var status: String
            var n: Int64
        }
        let counts = try await app.db.sql.raw(
            """
            SELECT o.status AS status, COUNT(*) AS n FROM mailing_recipients r JOIN outbox_messages o ON o.id = r.outbox_id
            WHERE r.mailing_id = \(bind: id) GROUP BY o.status
            """
        ).all(decoding: Counts.self)
        let by = Dictionary(counts.map { ($0.status, Int($0.n)) }, uniquingKeysWith: +)
        guard (by[OutboxMessage.Status.pending.rawValue] ?? 0) == 0 else { return false }
        mailing.status = .sent
        mailing.sentCount = by[OutboxMessage.Status.sent.rawValue] ?? 0
        mailing.failedCount = by[OutboxMessage.Status.failed.rawValue] ?? 0
        mailing.finishedAt = app.clock.now()
        mailing.jobToken = nil
        try await mailing.save(on: app.db)
        return true
    }

    /// Progress while sending: handed to the outbox, and of those sent.
    static func progress(_ id: UUID, on db: any Database) async throws -> (handed: Int, sent: Int) {
        struct Row: Decodable {
            var handed: Int64
            var sent: Int64?
        }
        let row = try await db.sql.raw(
            """
            SELECT COUNT(*) AS handed, CAST(SUM(CASE WHEN o.status = 'sent' THEN 1 ELSE 0 END) AS BIGINT) AS sent
            FROM mailing_recipients r LEFT JOIN outbox_messages o ON o.id = r.outbox_id
            WHERE r.mailing_id = \(bind: id) AND r.status <> 'queued'
            """
        ).first(decoding: Row.self)
        return (Int(row?.handed ?? 0), Int(row?.sent ?? 0))
    }
}
