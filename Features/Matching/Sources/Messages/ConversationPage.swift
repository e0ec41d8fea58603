import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

/// One conversation as a participant sees it: its messages oldest first, the other person by
/// first name and initial, and the reply form. Opening it marks what was sent to the viewer read.
struct ConversationPage: Encodable, Sendable {
    /// The latest messages shown; older ones stay stored (and in the person's export).
    static let maxShown = 200

    struct Message: Encodable, Sendable {
        var fromMe: Bool
        var author: String
        var body: String
        var sent: String
    }

    var topic: String
    var topicPath: String?
    var otherName: String
    var canReply: Bool
    var messages: [Message]
    var replyPath: String
    var inboxPath = MatchingPath.messages.path
    var maxBody = Conversations.maxBody
    var errors = FormErrors()
    var typed = ""

    struct Participants: Sendable {
        var other: UUID?
        var topic: PlatformMessage.Topic
        var topicID: UUID
    }

    /// Who the viewer talks to there; nil when the viewer is not in the conversation (or it does not exist).
    static func participants(_ id: UUID, viewer: UUID, on db: any Database) async throws -> Participants? {
        guard
            let message = try await PlatformMessage.query(on: db).filter(\.$conversationID == id)
                .group(.or, { $0.filter(\.$senderID == viewer).filter(\.$recipientID == viewer) }).first()
        else { return nil }
        let other = message.senderID == viewer ? message.recipientID : message.senderID
        return Participants(other: other, topic: message.topic, topicID: message.topicID)
    }

    static func load(_ id: UUID, viewer user: User, req: Request) async throws -> ConversationPage? {
        let viewer = try user.requireID()
        let db = req.db
        guard let thread = try await participants(id, viewer: viewer, on: db) else { return nil }
        let rows = try await PlatformMessage.query(on: db).filter(\.$conversationID == id)
            .sort(\.$createdAt, .descending).limit(maxShown).all().reversed()
        let unread = rows.filter { $0.recipientID == viewer && $0.readAt == nil }.compactMap(\.id)
        if !unread.isEmpty {
            try await PlatformMessage.query(on: db).filter(\.$id ~~ unread).set(\.$readAt, to: req.application.clock.now()).update()
        }
        let other = thread.other == nil ? nil : try await User.find(thread.other, on: db)
        let otherName = other.map { PublicName.short($0.name) } ?? req.t("matching.messages.someone")
        let title = try await Conversations.topicTitle(thread.topic, thread.topicID, on: db) ?? req.t("matching.messages.topic_gone")
        return ConversationPage(
            topic: title,
            topicPath: try await topicPath(thread.topic, thread.topicID, on: db),
            otherName: otherName, canReply: other != nil,
            messages: rows.map { row in
                Message(
                    fromMe: row.senderID == viewer, author: row.senderID == viewer ? req.t("matching.messages.me") : otherName,
                    body: row.body, sent: AmsterdamTime.format(row.createdAt, "d MMM yyyy HH:mm", in: req.language))
            },
            replyPath: MatchingPath.conversation(.value(id)).path + "#" + FormErrors.summaryAnchor)
    }
}

extension ConversationPage {
    /// Where the topic lives: the idea, or the action on its initiative's page (an invitation).
    static func topicPath(_ topic: PlatformMessage.Topic, _ id: UUID, on db: any Database) async throws -> String? {
        switch topic {
        case .idea: return MatchingPath.idea(.value(id)).path
        case .action:
            guard let action = try await InitiativeAction.find(id, on: db),
                let initiative = try await Initiative.find(action.initiativeID, on: db)
            else { return nil }
            return InitiativesPath.action(.value(initiative.slug), action: .value(id)).path
        }
    }
}

/// The inbox: the viewer's conversations, newest first, each with the other person, the topic
/// and whether something in it is unread.
struct Inbox: Encodable, Sendable {
    static let maxConversations = 50
    /// Messages read to group into conversations; a very active person sees their latest ones.
    static let maxMessagesRead = 1000

    struct Item: Encodable, Sendable {
        var path: String
        var otherName: String
        var topic: String
        var last: String
        var unread: Bool
    }

    var conversations: [Item]

    static func load(for user: User, req: Request) async throws -> Inbox {
        let viewer = try user.requireID()
        let rows = try await PlatformMessage.query(on: req.db)
            .group(.or) { $0.filter(\.$senderID == viewer).filter(\.$recipientID == viewer) }
            .sort(\.$createdAt, .descending).limit(maxMessagesRead).all()
        var order: [UUID] = []
        var latest: [UUID: PlatformMessage] = [:]
        var unread: Set<UUID> = []
        for row in rows {
            if latest[row.conversationID] == nil {
                latest[row.conversationID] = row
                order.append(row.conversationID)
            }
            if row.recipientID == viewer && row.readAt == nil { unread.insert(row.conversationID) }
        }
        let shown = order.prefix(maxConversations).compactMap { latest[$0] }
        let otherIDs = Set(shown.compactMap { $0.senderID == viewer ? $0.recipientID : $0.senderID })
        let users = otherIDs.isEmpty ? [] : try await User.query(on: req.db).filter(\.$id ~~ Array(otherIDs)).all()
        let names = Dictionary(uniqueKeysWithValues: users.compactMap { user in user.id.map { ($0, PublicName.short(user.name)) } })
        var items: [Item] = []
        for row in shown {
            let other = row.senderID == viewer ? row.recipientID : row.senderID
            items.append(
                Item(
                    path: MatchingPath.conversation(.value(row.conversationID)).path,
                    otherName: other.flatMap { names[$0] } ?? req.t("matching.messages.someone"),
                    topic: try await Conversations.topicTitle(row.topic, row.topicID, on: req.db) ?? req.t("matching.messages.topic_gone"),
                    last: AmsterdamTime.format(row.createdAt, "d MMM yyyy HH:mm", in: req.language),
                    unread: unread.contains(row.conversationID)))
        }
        return Inbox(conversations: items)
    }
}
