import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

/// `/ideeen/:id`: the idea, its author and supporters by first name and initial, ideas like it,
/// and — for a signed-in viewer — the findable residents who share its domains or place, each
/// with what they share and a way to write to them through the platform.
struct IdeaPage: Encodable, Sendable {
    /// Supporters named on the page; the count says how many there are in all.
    static let maxSupportersShown = 50

    struct Link: Encodable, Sendable {
        var title: String
        var path: String
    }
    struct Person: Encodable, Sendable {
        var name: String
        var domains: [String]
        var place: String?
        /// Their id for the message button's form (never in an address).
        var messageTo: String?
    }

    var id: String
    var title: String
    var body: String
    var author: String
    var place: String?
    var domains: [String]
    var status: String
    var isOpen: Bool
    var supporterCount: Int
    var supporters: [Person]
    var similar: [Link]
    var people: [Person]
    var signedIn: Bool
    var isAuthor: Bool
    var isSupporter: Bool
    var initiative: Link?
    var paths: [String: String]

    /// The idea if this viewer may read it: open, proposed and converted ideas are public, a
    /// withdrawn one only its author's. Nil otherwise (a 404).
    static func readable(_ id: UUID, viewer: UUID?, on db: any Database) async throws -> Idea? {
        guard let idea = try await Idea.find(id, on: db) else { return nil }
        if idea.status == .withdrawn && (viewer == nil || idea.authorID != viewer) { return nil }
        return idea
    }

    static func load(_ idea: Idea, req: Request) async throws -> IdeaPage {
        let db = req.db
        let id = try idea.requireID()
        let viewer = try req.auth.get(User.self)?.requireID()
        let places = IdeaPlaces(req)
        let domains = try await IdeaDomain.query(on: db).filter(\.$ideaID == id).all().map(\.domain)
        let author = idea.authorID == nil ? nil : try await User.find(idea.authorID, on: db)
        let supporterRows = try await IdeaSupporter.query(on: db).filter(\.$ideaID == id).sort(\.$createdAt).all()
        let shownSupporters = Array(supporterRows.prefix(maxSupportersShown))
        let supporterUsers =
            shownSupporters.isEmpty ? [] : try await User.query(on: db).filter(\.$id ~~ shownSupporters.map(\.userID)).all()
        let isAuthor = viewer != nil && viewer == idea.authorID
        let message = { (user: UUID) -> String? in
            guard let viewer, viewer != user, idea.status != .withdrawn else { return nil }
            return user.uuidString
        }
        // People to meet only for the signed-in: they chose to be findable by residents who take part.
        var people: [Person] = []
        if viewer != nil && IdeaSearch.isIndexed(idea.status) {
            let excluded = Set([idea.authorID, viewer].compactMap { $0 })
            people = try await IdeaCoupling.people(for: idea, domains: domains, excluding: excluded, on: db).map { person in
                Person(
                    name: person.name, domains: person.domains.map(places.domainName),
                    place: person.sameArea
                        ? places.placeName(district: nil, area: idea.area)
                        : person.sameDistrict ? places.placeName(district: idea.district, area: nil) : nil,
                    messageTo: message(person.userID))
            }
        }
        var initiative: Link?
        if let initiativeID = idea.initiativeID, let found = try await Initiative.find(initiativeID, on: db), found.isPublic {
            initiative = Link(title: found.name, path: InitiativesPath.initiative(.value(found.slug)).path)
        }
        let similar = IdeaSearch.isIndexed(idea.status) ? try await IdeaCoupling.similar(to: idea, on: db) : []
        return IdeaPage(
            id: id.uuidString, title: idea.title, body: idea.body,
            author: author.map { PublicName.short($0.name) } ?? req.t("matching.idea.author_gone"),
            place: places.placeName(district: idea.district, area: idea.area),
            domains: domains.map(places.domainName), status: req.t("matching.idea.status.\(idea.status.rawValue)"),
            isOpen: idea.status == .open, supporterCount: idea.supporterCount,
            supporters: shownSupporters.compactMap { row in
                supporterUsers.first { $0.id == row.userID }.map {
                    Person(name: PublicName.short($0.name), domains: [], place: nil, messageTo: message(row.userID))
                }
            },
            similar: similar.map { Link(title: $0.title, path: MatchingPath.idea(.value($0.id!)).path) },
            people: people, signedIn: viewer != nil, isAuthor: isAuthor,
            isSupporter: viewer.map { viewer in supporterRows.contains { $0.userID == viewer } } ?? false,
            initiative: initiative,
            paths: [
                "support": MatchingPath.supportIdea(.value(id)).path, "unsupport": MatchingPath.unsupportIdea(.value(id)).path,
                "edit": MatchingPath.editIdea(.value(id)).path, "withdraw": MatchingPath.withdrawIdea(.value(id)).path,
                "convert": MatchingPath.convertIdea(.value(id)).path,
                "message": MatchingPath.messageAboutIdea(.value(id)).path,
                "messageAuthor": idea.authorID.flatMap(message) ?? "",
                "ideas": MatchingPath.ideas().path,
                "logIn": CorePath.logIn(returnTo: MatchingPath.idea(.value(id)).path).path,
            ])
    }
}
