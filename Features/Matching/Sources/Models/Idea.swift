import Fluent
import Foundation
import KrachtCore

/// A resident's idea for an initiative (the Idealenkompas): others who want to join support it,
/// write to its author through the platform, and it can become an initiative under the flag.
public final class Idea: Model, @unchecked Sendable {
    public static let schema = "ideas"
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open
        /// Its author asked to turn it into an initiative; a coordinator decides on that initiative.
        case proposed
        /// Became `initiativeID`.
        case converted
        case withdrawn
    }
    @ID(key: .id) public var id: UUID?
    /// Nil once the author's account is erased.
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    @OptionalField(key: "district") public var district: String?
    @OptionalField(key: "area") public var area: String?
    @Field(key: "status") public var status: Status
    @OptionalField(key: "initiative_id") public var initiativeID: UUID?
    @Field(key: "supporter_count") public var supporterCount: Int
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    public init() {}
}

public final class IdeaDomain: Model, @unchecked Sendable {
    public static let schema = "idea_domains"
    @ID(key: .id) public var id: UUID?
    @Field(key: "idea_id") public var ideaID: UUID
    @Field(key: "domain") public var domain: String
    public init() {}
}

/// "Ik wil meedoen" on an idea: they become the initiative's first members.
public final class IdeaSupporter: Model, @unchecked Sendable {
    public static let schema = "idea_supporters"
    @ID(key: .id) public var id: UUID?
    @Field(key: "idea_id") public var ideaID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

/// A message from one resident to another through the platform (about an idea, or an
/// organiser's invitation to an action): mailed as a notice with a link, never with either
/// person's e-mail address; answered on the platform.
public final class PlatformMessage: Model, @unchecked Sendable {
    public static let schema = "platform_messages"
    public enum Topic: String, Codable, Sendable { case idea, action }
    @ID(key: .id) public var id: UUID?
    /// Messages between the same two people on the same topic share a conversation id.
    @Field(key: "conversation_id") public var conversationID: UUID
    @OptionalField(key: "sender_id") public var senderID: UUID?
    @OptionalField(key: "recipient_id") public var recipientID: UUID?
    @Field(key: "topic") public var topic: Topic
    /// The idea's or the action's id.
    @Field(key: "topic_id") public var topicID: UUID
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "read_at") public var readAt: Date?
    public init() {}
}
