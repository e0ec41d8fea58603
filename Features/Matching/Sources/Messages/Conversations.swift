import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

/// Messages between residents through the platform. The recipient is mailed a notice with a link
/// to the conversation, from the platform's own address: neither person's address is ever shown.
public enum Conversations {
    /// `invalid` carries the catalogue key of the problem with the text.
    public enum Outcome: Sendable, Equatable { case sent(conversation: UUID), invalid(String), rateLimited, notAllowed }

    public static let maxBody = 2000
    /// Per sender: enough for a lively exchange, too few to spam the city.
    static let limiter = RateLimiter(name: "matching.messages", limit: 20, window: 3600)

    /// Sends `body` from one resident to another about an idea or an action: stored, and a notice
    /// mailed to the recipient with a link to the conversation — never either address. Runs in
    /// the caller's transaction `db`.
    public static func send(
        from sender: User, to recipientID: UUID, topic: PlatformMessage.Topic, topicID: UUID, body: String,
        app: Application, on db: any Database
    ) async throws -> Outcome {
        let senderID = try sender.requireID()
        guard senderID != recipientID else { return .notAllowed }
        let (text, problem) = TextField.check(body, maxLength: maxBody, singleLine: false)
        switch problem {
        case .missing: return .invalid("matching.message.error.empty")
        case .tooLong: return .invalid("matching.message.error.too_long")
        case .invalidCharacters: return .invalid("form.invalid_characters")
        case nil: break
        }
        guard let recipient = try await User.find(recipientID, on: db),
            let title = try await topicTitle(topic, topicID, on: db)
        else { return .notAllowed }
        let now = app.clock.now()
        guard try await limiter.hit(senderID.uuidString, now: now, on: db) else { return .rateLimited }

        let conversation = conversationID(senderID, recipientID, topic: topic, topicID: topicID)
        let message = PlatformMessage()
        message.conversationID = conversation
        message.senderID = senderID
        message.recipientID = recipientID
        message.topic = topic
        message.topicID = topicID
        message.body = text
        message.createdAt = now
        try await message.create(on: db)

        let senderName = PublicName.short(sender.name)
        try await app.mailer.enqueue(
            to: recipient.email, language: recipient.preferredLanguage, subjectKey: "matching.mail.message.subject",
            subjectArguments: ["name": senderName, "topic": title], view: "matching/message-mail",
            context: [
                "name": recipient.name, "sender": senderName, "topic": title,
                "link": MatchingPath.conversation(.value(conversation)).url(on: app),
            ], on: db)
        return .sent(conversation: conversation)
    }

    /// The same two people on the same topic share one conversation, whoever writes first: the
    /// id is derived from them, so two first messages at once cannot open two conversations.
    static func conversationID(_ a: UUID, _ b: UUID, topic: PlatformMessage.Topic, topicID: UUID) -> UUID {
        let pair = [a.uuidString, b.uuidString].sorted().joined(separator: "|")
        let digest = Array(SHA256.hash(data: Data("\(pair)|\(topic.rawValue)|\(topicID.uuidString)".utf8)))
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50  // a name-based UUID (version 5 layout)
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    /// What the conversation is about, as its participants see it; nil for an unknown topic.
    static func topicTitle(_ topic: PlatformMessage.Topic, _ id: UUID, on db: any Database) async throws -> String? {
        switch topic {
        case .idea: try await Idea.find(id, on: db)?.title
        case .action: try await InitiativeAction.find(id, on: db)?.title
        }
    }
}
