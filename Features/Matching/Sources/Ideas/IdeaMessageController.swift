import Fluent
import Initiatives
import KrachtCore
import Vapor

/// `/ideeen/:id/bericht`: a message about an idea to its author, one of its supporters or one of
/// the findable residents the page lists — only those, never to anyone by address. Who it goes
/// to travels in the form (`aan`), never in the address: the idea page's buttons post `start`.
struct IdeaMessageController: RouteCollection {
    struct MessageForm: Decodable { var aan: String?, body: String?, start: String? }
    struct Page: Encodable, Sendable {
        var ideaTitle: String
        var ideaPath: String
        var recipients: [IdeaPlaces.Choice]
        var action: String
        var body: String
        var maxBody = Conversations.maxBody
        var errors: FormErrors
    }

    static let layout = FormLayout(
        id: "idea-message-form",
        [
            .field("aan", id: "message-to", label: "matching.message.field.to"),
            .field("body", id: "message-body", label: "matching.message.field.body"),
        ])

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get(MatchingPath.messageAboutIdea(.key), use: form)
        signedIn.post(MatchingPath.messageAboutIdea(.key), use: send)
    }

    func form(req: Request) async throws -> Response {
        let idea = try await messageableIdea(req)
        return try await render(req, idea, chosen: nil, body: "", errors: FormErrors())
    }

    func send(req: Request) async throws -> Response {
        let idea = try await messageableIdea(req)
        let user = try req.requireUser()
        let viewer = try user.requireID()
        let form = req.decodeForm(MessageForm.self)
        guard let raw = form?.aan else {
            var errors = FormErrors()
            errors.add("aan", req.t("matching.message.error.recipient"))
            return try await render(
                req, idea, chosen: nil, body: form?.body ?? "", errors: errors.on(Self.layout, { req.t($0) }), status: .badRequest)
        }
        guard let recipientID = UUID(uuidString: raw), recipientID != viewer,
            try await Self.mayWrite(to: recipientID, about: idea, viewer: viewer, on: req.db)
        else { throw Abort(.notFound) }
        // A button on the idea page: the form, with this person chosen.
        if form?.start == "1" { return try await render(req, idea, chosen: recipientID, body: "", errors: FormErrors()) }
        let app = req.application
        let ideaID = try idea.requireID()
        let outcome = try await app.db.writeTransaction { db in
            try await Conversations.send(
                from: user, to: recipientID, topic: .idea, topicID: ideaID, body: form?.body ?? "", app: app, on: db)
        }
        switch outcome {
        case .sent(let conversation):
            return Flash.redirect(req, to: MatchingPath.conversation(.value(conversation)), messageKey: "matching.messages.sent")
        case .invalid(let key):
            var errors = FormErrors()
            errors.add("body", req.t(key, ["max": String(Conversations.maxBody)]))
            return try await render(
                req, idea, chosen: recipientID, body: form?.body ?? "", errors: errors.on(Self.layout, { req.t($0) }), status: .badRequest)
        case .rateLimited:
            return try await render(
                req, idea, chosen: recipientID, body: form?.body ?? "",
                errors: FormErrors(summary: req.t("matching.message.error.rate_limited"), form: Self.layout.id), status: .tooManyRequests)
        case .notAllowed: throw Abort(.notFound)
        }
    }

    /// The idea, readable by this viewer and not withdrawn; else 404.
    private func messageableIdea(_ req: Request) async throws -> Idea {
        let viewer = try req.requireUser().requireID()
        guard let idea = try await IdeaPage.readable(try IdeasController.ideaID(req), viewer: viewer, on: req.db), idea.status != .withdrawn
        else { throw Abort(.notFound) }
        return idea
    }

    /// The author, a supporter, or someone the idea's page lists for this viewer.
    static func mayWrite(to recipient: UUID, about idea: Idea, viewer: UUID, on db: any Database) async throws -> Bool {
        let id = try idea.requireID()
        if idea.authorID == recipient { return true }
        if try await IdeaSupporter.query(on: db).filter(\.$ideaID == id).filter(\.$userID == recipient).first() != nil { return true }
        return try await listed(idea, viewer: viewer, on: db).contains { $0.userID == recipient }
    }

    private static func listed(_ idea: Idea, viewer: UUID, on db: any Database) async throws -> [IdeaCoupling.Person] {
        guard IdeaSearch.isIndexed(idea.status) else { return [] }
        let domains = try await IdeaDomain.query(on: db).filter(\.$ideaID == idea.requireID()).all().map(\.domain)
        return try await IdeaCoupling.people(
            for: idea, domains: domains, excluding: Set([idea.authorID, viewer].compactMap { $0 }), on: db)
    }

    /// Everyone this viewer may write to about the idea, by first name and initial: the author,
    /// the supporters the page names, the people it lists. None: there is no one to write to (404).
    private func render(_ req: Request, _ idea: Idea, chosen: UUID?, body: String, errors: FormErrors, status: HTTPStatus = .ok)
        async throws -> Response
    {
        let id = try idea.requireID()
        let viewer = try req.requireUser().requireID()
        var ids: [UUID] = idea.authorID.map { [$0] } ?? []
        ids += try await IdeaSupporter.query(on: req.db).filter(\.$ideaID == id).sort(\.$createdAt).limit(IdeaPage.maxSupportersShown)
            .all().map(\.userID)
        ids += try await Self.listed(idea, viewer: viewer, on: req.db).map(\.userID)
        var seen: Set<UUID> = [viewer]
        ids = ids.filter { seen.insert($0).inserted }
        guard !ids.isEmpty else { throw Abort(.notFound) }
        let users = try await User.query(on: req.db).filter(\.$id ~~ ids).all()
        let recipients = ids.compactMap { userID in
            users.first { $0.id == userID }.map {
                IdeaPlaces.Choice(value: userID.uuidString, label: PublicName.short($0.name), checked: userID == chosen || ids.count == 1)
            }
        }
        let page = Page(
            ideaTitle: idea.title, ideaPath: MatchingPath.idea(.value(id)).path, recipients: recipients,
            action: MatchingPath.messageAboutIdea(.value(id)).path + "#" + FormErrors.summaryAnchor, body: body, errors: errors)
        return try await req.render("matching/idea-message", titleKey: "matching.message.title", page, status: status, errors: errors)
    }
}
