import Fluent
import Foundation
import KrachtCore
import Vapor

/// The follow button and the appreciations on an initiative's page (`initiatives/_appreciations.leaf`).
public struct AppreciationSection: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var rating: Int
        var ratingText, text, author, when: String
        var reportPath: String?
    }

    var followers: String
    var signedIn, following: Bool
    var followPath, unfollowPath, appreciatePath: String
    var items: [Item]
    /// Someone accepted on one of its actions who wrote none yet.
    var canAppreciate: Bool

    static let shown = 50

    public static func load(for initiative: Initiative, viewer: User?, req: Request) async throws -> AppreciationSection {
        let db = req.db
        let id = try initiative.requireID()
        let slug = Parameter<String>.value(initiative.slug)
        let followers = try await InitiativeFollow.query(on: db).filter(\.$initiativeID == id).count()
        var following = false
        var canAppreciate = false
        if let userID = viewer?.id {
            following = try await InitiativeFollow.query(on: db).filter(\.$initiativeID == id).filter(\.$userID == userID).first() != nil
            let wrote = try await Appreciation.query(on: db).filter(\.$initiativeID == id).filter(\.$userID == userID).first() != nil
            if !wrote { canAppreciate = try await Appreciations.mayWrite(userID, on: id, db: db) }
        }
        let rows = try await Appreciation.query(on: db).filter(\.$initiativeID == id).filter(\.$state == .visible)
            .sort(\.$createdAt, .descending).limit(shown).all()
        let authors = try await User.query(on: db).filter(\.$id ~~ Set(rows.compactMap(\.userID))).all()
        let shortNames = Dictionary(
            authors.compactMap { user in user.id.map { ($0, PublicName.short(user.name)) } }, uniquingKeysWith: { a, _ in a })
        let items = try rows.map { row in
            Item(
                rating: row.rating, ratingText: req.t("initiatives.appreciation.rating", ["rating": String(row.rating)]), text: row.text,
                author: row.userID.flatMap { shortNames[$0] } ?? req.t("initiatives.appreciation.anonymous"),
                when: AmsterdamTime.date(row.createdAt, in: req.language),
                reportPath: viewer == nil ? nil : InitiativesPath.reportAppreciation(.value(try row.requireID())).path)
        }
        return AppreciationSection(
            followers: req.t("initiatives.follow.count", count: followers), signedIn: viewer != nil, following: following,
            followPath: InitiativesPath.follow(slug).path, unfollowPath: InitiativesPath.unfollow(slug).path,
            appreciatePath: InitiativesPath.appreciate(slug).path, items: items, canAppreciate: canAppreciate)
    }
}
