import Fluent
import KrachtCore
import Vapor

/// Turning the weekly digest off from its mail, without signing in: the link asks first (GET,
/// a button), the button turns it off (POST); a mail program's one-click button (RFC 8058) posts
/// to `MatchingPath.digestOneClick`, which carries no cookie and so no form token.
struct DigestController: RouteCollection {
    init(app: Application) {
        app.csrfExempt.insert(MatchingPath.digestOneClick(token: "").stem)
    }

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.access(.anyone)
        open.get(MatchingPath.digestUnsubscribe(.key), use: ask)
        open.post(MatchingPath.digestUnsubscribe(.key), use: unsubscribe)
        open.post(MatchingPath.digestOneClick(token: ""), use: oneClick)
        open.get(MatchingPath.digestOneClick(token: ""), use: askFromHeader)
    }

    struct UnsubscribePage: Encodable {
        /// The link is genuine and the digest still on: show the button.
        var ask: Bool
        var action: String
        var message: String?
        var profile: String
    }

    func ask(req: Request) async throws -> Response {
        try await askPage(token: req.parameters.get("token") ?? "", req)
    }

    /// A mail program that opens the header's link instead of posting to it gets the question.
    func askFromHeader(req: Request) async throws -> Response {
        try await askPage(token: (try? req.query.get(String.self, at: "token")) ?? "", req)
    }

    private func askPage(token: String, _ req: Request) async throws -> Response {
        let outcome = try await UnsubscribeFromDigest(app: req.application).check(token)
        let page = UnsubscribePage(
            ask: outcome == nil, action: MatchingPath.digestUnsubscribe(.value(token)).path,
            message: outcome.map { req.t(Self.messageKey($0)) }, profile: MatchingPath.profile.path)
        return try await render(page, outcome, req)
    }

    func unsubscribe(req: Request) async throws -> Response {
        try await done(token: req.parameters.get("token") ?? "", req)
    }

    func oneClick(req: Request) async throws -> Response {
        try await done(token: (try? req.query.get(String.self, at: "token")) ?? "", req)
    }

    private func done(token: String, _ req: Request) async throws -> Response {
        let outcome = try await UnsubscribeFromDigest(app: req.application).run(token)
        let page = UnsubscribePage(ask: false, action: "", message: req.t(Self.messageKey(outcome)), profile: MatchingPath.profile.path)
        return try await render(page, outcome, req)
    }

    private func render(_ page: UnsubscribePage, _ outcome: UnsubscribeFromDigest.Outcome?, _ req: Request) async throws -> Response {
        try await req.render(
            "matching/digest-unsubscribe", titleKey: "matching.digest.unsubscribe.title", page,
            status: outcome == .unknownLink ? .notFound : .ok)
    }

    static func messageKey(_ outcome: UnsubscribeFromDigest.Outcome) -> String {
        switch outcome {
        case .unsubscribed: "matching.digest.unsubscribe.done"
        case .alreadyOff: "matching.digest.unsubscribe.already"
        case .unknownLink: "matching.digest.unsubscribe.unknown"
        }
    }
}
