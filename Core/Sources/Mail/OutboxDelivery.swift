import Fluent
import SQLKit
import Vapor

/// Sends due outbox messages. Each is claimed before sending, so two app instances never
/// send the same message; a failure is retried with exponential backoff, a permanent
/// refusal (5xx) or too many attempts marks it failed. Sent or failed, the message's context
/// (with its links) is erased.
public struct OutboxDelivery: Sendable {
    let app: Application
    let transport: any MailTransport
    public static let batchSize = 20

    public init(app: Application, transport: any MailTransport) {
        self.app = app
        self.transport = transport
    }

    /// Delivers what is due now; returns how many messages were sent.
    @discardableResult
    public func deliverDue(limit: Int = OutboxDelivery.batchSize) async throws -> Int {
        // A stopping server claims nothing more: what it has claimed it finishes (below).
        guard !Task.isCancelled else { return 0 }
        let now = app.clock.now()
        // Personal mail first (a confirmation link, a password reset): a mailing of 50,000 due at
        // once must not keep it waiting; bulk mail fills what is left of the batch.
        let bulk = app.atMostOnceMailViews.sorted().map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }
        var ids: [UUID] = []
        if !bulk.isEmpty {
            ids = try await Claim.claim(
                table: OutboxMessage.schema,
                where: "status = 'pending' AND view NOT IN (\(bulk.joined(separator: ", "))) AND next_attempt_at <= ", now: now,
                lease: 300, limit: limit, by: app.instanceID, on: app.db)
        }
        if ids.count < limit {
            ids += try await Claim.claim(
                table: OutboxMessage.schema, where: "status = 'pending' AND next_attempt_at <= ", now: now,
                lease: 300, limit: limit - ids.count, by: app.instanceID, on: app.db)
        }
        // Several at a time: after a spike, thousands of confirmation links are waiting.
        // Each in a task of its own, which a stopping server's cancellation does not reach: a
        // graceful stop (SIGTERM) lets a message that is mid-SMTP finish and be marked sent. Cut
        // off, the reply to its DATA would be lost and the message retried: a second copy.
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            for id in ids { group.addTask { try await Task { try await deliver(id) }.value } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
    }

    /// Sends one claimed message; true if it went out.
    private func deliver(_ id: UUID) async throws -> Bool {
        guard let message = try await OutboxMessage.find(id, on: app.db) else { return false }
        // At most once for bulk mail (a mailing: `app.atMostOnceMailViews`): the outbox is at least
        // once, as a message whose sender died after the SMTP hand-over but before saving "sent" is
        // claimed again when its lease runs out. For a confirmation link a second copy is right; for
        // a newsletter it is not. So such a message is marked before sending, and a message found
        // marked was interrupted mid-send: it fails ("interrupted") instead of going out again.
        if app.atMostOnceMailViews.contains(message.view) {
            if message.lastError == Self.sendingMark {
                message.status = OutboxMessage.Status.failed.rawValue
                message.lastError = Self.interrupted
                message.context = ""
                message.nextAttemptAt = app.clock.now()
                message.lockedUntil = nil
                message.lockedBy = nil
                try await message.save(on: app.db)
                return false
            }
            message.lastError = Self.sendingMark
            try await message.save(on: app.db)
        }
        var sent = false
        var bouncedTo: String?
        do {
            let raw = try await app.mailer.render(message)
            try await transport.send(
                RenderedMail(from: app.config.mail.fromAddress, recipients: [try app.mailer.recipient(of: message)], raw: raw))
            message.status = OutboxMessage.Status.sent.rawValue
            message.sentAt = app.clock.now()
            message.lastError = nil
            // The context holds working links: once sent, nobody needs them here any more.
            message.context = ""
            sent = true
        } catch {
            message.attempts += 1
            var why = String(describing: error)
            // An SMTP refusal quotes the address (`RCPT TO:<…>`): not a sealed one.
            if !message.recipient.contains("@"), let address = try? app.mailer.recipient(of: message) {
                why = why.replacingOccurrences(of: address, with: "(sealed address)")
            }
            message.lastError = String(why.prefix(500))
            let permanent = (error as? SMTPError)?.isPermanent ?? false
            if permanent { bouncedTo = try? app.mailer.recipient(of: message) }
            if permanent || message.attempts >= app.config.mail.maxAttempts {
                message.status = OutboxMessage.Status.failed.rawValue
                message.context = ""
                message.nextAttemptAt = app.clock.now()  // for a failed message: its last attempt
                app.logger.error(
                    "mail failed for good", metadata: ["id": .string(id.uuidString), "error": .string(message.lastError ?? "")])
            } else {
                message.nextAttemptAt = app.clock.now().addingTimeInterval(
                    app.config.mail.retryPolicy.delay(afterAttempt: message.attempts))
                app.logger.warning(
                    "mail will be retried", metadata: ["id": .string(id.uuidString), "attempt": .stringConvertible(message.attempts)])
            }
        }
        // A sealed address (an applicant's) is not kept for support questions: once sent or
        // failed for good, it goes with the context.
        if message.status != OutboxMessage.Status.pending.rawValue, !message.recipient.contains("@") { message.recipient = "" }
        message.lockedUntil = nil
        message.lockedBy = nil
        try await message.save(on: app.db)
        // A list keeper marks an address refused for good, so the next mailing skips it.
        if let bouncedTo {
            for feature in app.features { try await feature.mailBounced(recipient: bouncedTo, view: message.view, app: app) }
        }
        return sent
    }

    /// `last_error` of an at-most-once message while it is being handed to the relay.
    public static let sendingMark = "sending"
    /// `last_error` of an at-most-once message that was interrupted while sending: not sent again.
    public static let interrupted = "interrupted while sending: not sent again (at most once)"

    /// Sent messages are kept a month for support questions, failed ones a month after their
    /// last attempt; then both are removed.
    static func purge(before: Date, on db: any Database) async throws {
        try await OutboxMessage.query(on: db).group(.or) { either in
            either.group(.and) { $0.filter(\.$status == OutboxMessage.Status.sent.rawValue).filter(\.$sentAt < before) }
            either.group(.and) { $0.filter(\.$status == OutboxMessage.Status.failed.rawValue).filter(\.$nextAttemptAt < before) }
        }.delete()
    }
}

extension AppConfig.MailSettings {
    /// `KRACHT_MAIL_RETRY_BASE_SECONDS`, doubling, at most an hour apart.
    public var retryPolicy: RetryPolicy { RetryPolicy(base: TimeInterval(retryBaseSeconds), max: 3600) }
}

extension Application {
    /// The configured way out for mail.
    public var mailTransport: any MailTransport {
        get {
            if let transport = storage[TransportKey.self] { return transport }
            let mail = config.mail
            switch mail.transport {
            case .file: return FileTransport(directory: config.dataDirectory + "/mail")
            case .smtp: return SMTPTransport(configuration: mail.smtp)
            case .sendmail: return SendmailTransport(path: mail.sendmailPath)
            }
        }
        set { storage[TransportKey.self] = newValue }
    }
    private struct TransportKey: StorageKey { typealias Value = any MailTransport }

    /// Mail views sent at most once rather than at least once (see `OutboxDelivery.deliver`):
    /// set at boot by the feature that owns them (the mailings).
    public var atMostOnceMailViews: Set<String> {
        get { storage[AtMostOnceKey.self] ?? [] }
        set { storage[AtMostOnceKey.self] = newValue }
    }
    private struct AtMostOnceKey: StorageKey { typealias Value = Set<String> }
}
