import Fluent
import KrachtCore
import Vapor

/// A resident's inbox (`/berichten`) and one conversation (`/berichten/:id`), read and answered
/// on the platform. Only its two participants can open a conversation; anyone else gets a 404.
struct MessagesController: RouteCollection {
    struct ReplyForm: Decodable { var body: String? }

    static let replyLayout = FormLayout(id: "reply-form", [.field("body", id: "reply-body", label: "matching.messages.reply_label")])

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get(MatchingPath.messages, use: inbox)
        signedIn.get(MatchingPath.conversation(.key), use: show)
        signedIn.post(MatchingPath.conversation(.key), use: reply)
    }

    func inbox(req: Request) async throws -> Response {
        let page = try await Inbox.load(for: try req.requireUser(), req: req)
        return try await req.render("matching/messages", titleKey: "matching.messages.title", page)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, try conversationID(req))
    }

    func reply(req: Request) async throws -> Response {
        let id = try conversationID(req)
        let user = try req.requireUser()
        let form = req.decodeForm(ReplyForm.self)
        let app = req.application
        let outcome = try await app.db.writeTransaction { db -> Conversations.Outcome? in
            guard let thread = try await ConversationPage.participants(id, viewer: try user.requireID(), on: db) else { return nil }
            guard let other = thread.other else { return .notAllowed }
            return try await Conversations.send(
                from: user, to: other, topic: thread.topic, topicID: thread.topicID, body: form?.body ?? "", app: app, on: db)
        }
        switch outcome {
        case nil: throw Abort(.notFound)
        case .sent: return Flash.redirect(req, to: MatchingPath.conversation(.value(id)), messageKey: "matching.messages.sent")
        case .invalid(let key):
            var errors = FormErrors()
            errors.add("body", req.t(key, ["max": String(Conversations.maxBody)]))
            return try await render(req, id, errors: errors.on(Self.replyLayout, { req.t($0) }), typed: form?.body, status: .badRequest)
        case .rateLimited:
            return try await render(
                req, id, errors: FormErrors(summary: req.t("matching.message.error.rate_limited"), form: Self.replyLayout.id),
                typed: form?.body,
                status: .tooManyRequests)
        case .notAllowed:
            return try await render(
                req, id, errors: FormErrors(summary: req.t("matching.message.error.gone"), form: Self.replyLayout.id), status: .conflict)
        }
    }

    private func render(_ req: Request, _ id: UUID, errors: FormErrors? = nil, typed: String? = nil, status: HTTPStatus = .ok)
        async throws -> Response
    {
        guard var page = try await ConversationPage.load(id, viewer: try req.requireUser(), req: req) else { throw Abort(.notFound) }
        page.errors = errors ?? FormErrors()
        page.typed = typed ?? ""
        return try await req.render(
            "matching/message-conversation", titleKey: "matching.messages.conversation_title", titleArguments: ["topic": page.topic],
            page, status: status, errors: errors)
    }

    private func conversationID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return id
    }
}
