import Fluent
import SQLKit
import Vapor

/// A message to put in the outbox: what to render and for whom. Plain values, so a batch of
/// them goes into the outbox in one INSERT (no model reflection on a hot path).
public struct PendingMail: Sendable {
    public var recipient: String
    public var subject: String
    public var view: String
    public var context: String
    public var language: Language
    public var listUnsubscribe: String?
    /// The outbox row's id, when the caller keeps it (a mailing links each recipient to its
    /// message); nil: a new one.
    public var id: UUID? = nil
    /// When it may go out, when not now: a mailing staggers its messages to keep its rate.
    public var nextAttemptAt: Date? = nil

    /// Writes the messages to the outbox; pass the transaction of the change that causes them.
    public static func insert(_ mails: [PendingMail], now: Date, on db: any Database) async throws {
        guard !mails.isEmpty else { return }
        var insert = db.sql.insert(into: OutboxMessage.schema)
            .columns(
                "id", "recipient", "subject", "view", "context", "language", "list_unsubscribe", "status", "attempts",
                "next_attempt_at", "created_at")
        for mail in mails {
            insert = insert.values(
                [
                    mail.id ?? UUID(), mail.recipient, mail.subject, mail.view, mail.context, mail.language.rawValue,
                    mail.listUnsubscribe, OutboxMessage.Status.pending.rawValue, 0, mail.nextAttemptAt ?? now, now,
                ] as [any Encodable & Sendable])
        }
        try await insert.run()
    }
}
