import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

/// What matching holds on one person, for their account export and their erasure: the profile
/// (`ProfileData`), their ideas, the ideas they support and the messages they sent and received.
enum MatchingPersonalData {
    static func export(of user: User, on db: any Database) async throws -> JSONValue? {
        let userID = try user.requireID()
        let ideas = try await Idea.query(on: db).filter(\.$authorID == userID).sort(\.$createdAt).all()
        let supports = try await IdeaSupporter.query(on: db).filter(\.$userID == userID).sort(\.$createdAt).all()
        let supported = supports.isEmpty ? [] : try await Idea.query(on: db).filter(\.$id ~~ supports.map(\.ideaID)).all()
        let messages = try await PlatformMessage.query(on: db)
            .group(.or) { $0.filter(\.$senderID == userID).filter(\.$recipientID == userID) }.sort(\.$createdAt).all()
        let others = Set(messages.compactMap { $0.senderID == userID ? $0.recipientID : $0.senderID })
        let names =
            others.isEmpty
            ? [:]
            : Dictionary(
                uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ Array(others)).all().compactMap { other in
                    other.id.map { ($0, PublicName.short(other.name)) }
                })
        let profile = try await ProfileData.export(of: userID, on: db)
        if profile == nil && ideas.isEmpty && supports.isEmpty && messages.isEmpty { return nil }
        var domains: [UUID: [String]] = [:]
        if !ideas.isEmpty {
            for row in try await IdeaDomain.query(on: db).filter(\.$ideaID ~~ ideas.compactMap(\.id)).all() {
                domains[row.ideaID, default: []].append(row.domain)
            }
        }
        return [
            "profile": profile ?? .null,
            "ideas": .array(
                ideas.map { idea in
                    [
                        "title": .string(idea.title), "body": .string(idea.body), "district": optional(idea.district),
                        "area": optional(idea.area),
                        "domains": .array((idea.id.flatMap { domains[$0] } ?? []).sorted().map(JSONValue.string)),
                        "status": .string(idea.status.rawValue), "supporters": .int(Int64(idea.supporterCount)),
                        "created_at": time(idea.createdAt), "updated_at": time(idea.updatedAt),
                    ]
                }),
            "supports": .array(
                supports.map { support in
                    ["idea": optional(supported.first { $0.id == support.ideaID }?.title), "since": time(support.createdAt)]
                }),
            "messages": .array(
                messages.map { message in
                    let sent = message.senderID == userID
                    let other = sent ? message.recipientID : message.senderID
                    return [
                        "direction": .string(sent ? "sent" : "received"), "other": optional(other.flatMap { names[$0] }),
                        "topic": .string(message.topic.rawValue), "topic_id": .string(message.topicID.uuidString),
                        "conversation_id": .string(message.conversationID.uuidString), "body": .string(message.body),
                        "sent_at": time(message.createdAt), "read_at": message.readAt.map(time) ?? .null,
                    ]
                }),
        ]
    }

    /// Profile, skills and domains go; supports go (their counts follow); messages they sent or
    /// received go; their open or withdrawn ideas go, out of the index. An idea that became (or
    /// is becoming) an initiative stays, tied to no one: the initiative grew from it.
    static func erase(of user: User, on db: any Database) async throws {
        let userID = try user.requireID()
        try await ProfileData.erase(of: userID, on: db)
        for support in try await IdeaSupporter.query(on: db).filter(\.$userID == userID).all() {
            try await support.delete(on: db)
            try await SupportIdea.adjust(support.ideaID, by: -1, on: db)
        }
        try await PlatformMessage.query(on: db)
            .group(.or) { $0.filter(\.$senderID == userID).filter(\.$recipientID == userID) }.delete()
        for idea in try await Idea.query(on: db).filter(\.$authorID == userID).all() {
            if idea.status == .open || idea.status == .withdrawn {
                try await IdeaSearch.index.remove(id: try idea.requireID(), on: db)
                try await idea.delete(on: db)
            } else {
                idea.authorID = nil
                try await idea.save(on: db)
            }
        }
    }

    private static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    private static func time(_ date: Date) -> JSONValue { .string(ISO8601DateFormatter().string(from: date)) }
}
