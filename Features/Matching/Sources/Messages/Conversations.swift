import Fluent
import Foundation
import KrachtCore
import Vapor

/// Messages between residents through the platform. OWNER: the ideas helper.
public enum Conversations {
    public enum Outcome: Sendable, Equatable { case sent(conversation: UUID), invalid(String), rateLimited, notAllowed }

    /// Sends `body` from one resident to another about an idea or an action: stored, and a notice
    /// mailed to the recipient with a link to the conversation — never either address.
    public static func send(
        from sender: User, to recipientID: UUID, topic: PlatformMessage.Topic, topicID: UUID, body: String,
        app: Application, on db: any Database
    ) async throws -> Outcome { .notAllowed }
}
