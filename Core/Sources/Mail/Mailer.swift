import Fluent
import Leaf
import LeafKit
import Vapor

/// Puts a message in the outbox on the given database — pass the transaction of the change
/// that causes it. The outbox keeps what to send (the feature's mail view, its context and the
/// recipient's language); the worker renders `<view>-text.leaf` and `<view>-html.leaf` when it
/// delivers, so a spike of sign-ups does not pay for rendering mail while people wait.
public struct Mailer: Sendable {
    let app: Application

    public func enqueue(
        to recipient: String, language: Language, subjectKey: String, subjectArguments: [String: String] = [:], view: String,
        context: [String: String], listUnsubscribe: String? = nil, sealRecipient: Bool = false,
        attachments: [MailAttachment] = [], on db: any Database
    ) async throws {
        let mail = try compose(
            to: recipient, language: language, subjectKey: subjectKey, subjectArguments: subjectArguments,
            view: view, context: context, listUnsubscribe: listUnsubscribe, sealRecipient: sealRecipient,
            attachments: attachments)
        try await PendingMail.insert([mail], now: app.clock.now(), on: db)
    }

    /// A message for the outbox, not yet saved, for callers that insert many at once.
    /// `sealRecipient`: for an address nothing else holds in the clear (an applicant to the
    /// fund, who has no account): the outbox keeps it sealed and forgets it once sent or failed.
    /// `attachments` travel in the sealed context too (base64), so the outbox table stays as it is.
    public func compose(
        to recipient: String, language: Language, subjectKey: String, subjectArguments: [String: String] = [:], view: String,
        context: [String: String], listUnsubscribe: String? = nil, sealRecipient: Bool = false,
        attachments: [MailAttachment] = []
    ) throws -> PendingMail {
        // Sealed: the context holds working links (an unsubscribe link too), and the outbox is
        // copied into backups.
        var sealed = context
        sealed[Self.listUnsubscribeKey] = listUnsubscribe
        if !attachments.isEmpty {
            sealed[Self.attachmentsKey] = String(decoding: try JSONEncoder().encode(attachments), as: UTF8.self)
        }
        let contextJSON = String(decoding: try JSONEncoder().encode(sealed), as: UTF8.self)
        return PendingMail(
            recipient: sealRecipient ? try app.sealer.seal(recipient, context: Self.recipientContext) : recipient,
            subject: app.catalogue.text(subjectKey, in: language, subjectArguments), view: view,
            context: try app.sealer.seal(contextJSON, context: "outbox"), language: language, listUnsubscribe: nil)
    }

    /// The complete RFC 5322 message for an outbox entry.
    public func render(_ message: OutboxMessage) async throws -> String {
        let language = Language(rawValue: message.language) ?? .nl
        var fields = try JSONDecoder().decode([String: String].self, from: Data(try openContext(message.context).utf8))
        let listUnsubscribe = fields.removeValue(forKey: Self.listUnsubscribeKey) ?? message.listUnsubscribe
        let attachments = try fields.removeValue(forKey: Self.attachmentsKey).map {
            try JSONDecoder().decode([MailAttachment].self, from: Data($0.utf8))
        }
        var context = fields.mapValues { LeafData.string($0) }
        context["baseURL"] = .string(app.config.baseURL)
        context["subject"] = .string(message.subject)
        let text = try await render("\(message.view)-text", context, language, plainText: true)
        let html = try await render("\(message.view)-html", context, language, plainText: false)
        return MIMEMessage(
            fromName: app.config.mail.fromName, fromAddress: app.config.mail.fromAddress, to: try recipient(of: message),
            subject: message.subject, text: text, html: html, language: language, listUnsubscribe: listUnsubscribe,
            date: app.clock.now(), attachments: attachments ?? []
        ).render()
    }

    private static let listUnsubscribeKey = "_list_unsubscribe"
    private static let attachmentsKey = "_attachments"
    private static let recipientContext = "outbox.recipient"

    /// The address to send to: as stored, or opened when it was sealed (a sealed value has no `@`).
    public func recipient(of message: OutboxMessage) throws -> String {
        message.recipient.contains("@") ? message.recipient : try app.sealer.open(message.recipient, context: Self.recipientContext)
    }

    /// Messages queued before contexts were sealed hold plain JSON; they still go out.
    private func openContext(_ stored: String) throws -> String {
        stored.hasPrefix("{") ? stored : try app.sealer.open(stored, context: "outbox")
    }

    /// Text views get unescaped tags (see `PlainTextTags`); HTML views the app's own, escaping ones.
    private func render(_ view: String, _ context: [String: LeafData], _ language: Language, plainText: Bool) async throws -> String {
        var userInfo = app.leaf.userInfo
        userInfo["application"] = app
        userInfo["language"] = language
        let tags = plainText ? PlainTextTags.tags(from: app.leaf.tags) : app.leaf.tags
        let renderer = LeafRenderer(
            configuration: app.leaf.configuration, tags: tags, cache: app.leaf.cache, sources: app.leaf.sources,
            eventLoop: app.eventLoopGroup.next(), userInfo: userInfo)
        let buffer = try await renderer.render(path: view, context: context).get()
        return String(buffer: buffer)
    }
}

extension Application {
    public var mailer: Mailer { Mailer(app: self) }
}

extension Request {
    public var mailer: Mailer { application.mailer }
}
