import Fluent
import KrachtCore
import Vapor

/// Following a plan, the digest's unsubscribe (the link asks first, its button turns the
/// digest off; a mail program's one-click button, RFC 8058, posts to a fixed path with the token
/// in the query, exempt from the form token as it carries no cookie), and my plans page.
struct FollowController: RouteCollection {
    init(app: Application) {
        app.csrfExempt.insert(PlansPath.unsubscribeOneClick(token: "").stem)
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.post(PlansPath.follow(.key), use: follow)
        signedIn.post(PlansPath.unfollow(.key), use: unfollow)
        signedIn.get(PlansPath.mine, use: mine)
        signedIn.post(PlansPath.digestSwitch, use: digestSwitch)
        let open = routes.access(.anyone)
        open.get(PlansPath.unsubscribe(.key), use: ask)
        open.post(PlansPath.unsubscribe(.key), use: unsubscribe)
        open.get(PlansPath.unsubscribeOneClick(token: ""), use: askFromHeader)
        open.post(PlansPath.unsubscribeOneClick(token: ""), use: oneClick)
    }

    func follow(req: Request) async throws -> Response { try await setFollow(req, true) }
    func unfollow(req: Request) async throws -> Response { try await setFollow(req, false) }

    private func setFollow(_ req: Request, _ on: Bool) async throws -> Response {
        let plan = try await PlanAccess.plan(req)
        let outcome = try await FollowPlan(app: req.application).run(
            planID: try plan.requireID(), userID: try req.requireUser().requireID(), follow: on)
        let key: String
        switch outcome {
        case .followed, .alreadyFollowing: key = "plans.follow.done"
        case .unfollowed, .notFollowing: key = "plans.follow.undone"
        case .notPublished: throw Abort(.notFound)
        }
        return Flash.redirect(req, to: PlansPath.plan(.value(plan.slug)), messageKey: key)
    }

    func mine(req: Request) async throws -> Response {
        try await req.render("plans/mine", titleKey: "plans.mine.title", try await MinePage.load(req))
    }

    func digestSwitch(req: Request) async throws -> Response {
        let userID = try req.requireUser().requireID()
        let on = req.formFields()?["aan"] == "1"
        let digest = PlanDigestSwitch(app: req.application)
        _ = on ? try await digest.turnOn(userID: userID) : try await digest.turnOff(userID: userID)
        return Flash.redirect(req, to: PlansPath.mine, messageKey: on ? "plans.mine.digest.turned_on" : "plans.mine.digest.turned_off")
    }

    struct UnsubscribePage: Encodable {
        /// The link is genuine and the digest still on: show the button.
        var ask: Bool
        var action: String
        var message: String?
        var mine: String
        var csrf: String
    }

    func ask(req: Request) async throws -> Response { try await askPage(token: req.parameters.get("token") ?? "", req) }

    /// A mail program that opens the header's link instead of posting to it gets the question.
    func askFromHeader(req: Request) async throws -> Response {
        try await askPage(token: (try? req.query.get(String.self, at: "token")) ?? "", req)
    }

    func unsubscribe(req: Request) async throws -> Response { try await done(token: req.parameters.get("token") ?? "", req) }

    func oneClick(req: Request) async throws -> Response {
        try await done(token: (try? req.query.get(String.self, at: "token")) ?? "", req)
    }

    private func askPage(token: String, _ req: Request) async throws -> Response {
        let outcome = try await PlanDigestSwitch(app: req.application).check(token: token)
        let page = UnsubscribePage(
            ask: outcome == nil, action: PlansPath.unsubscribe(.value(token)).path, message: outcome.map { req.t(Self.messageKey($0)) },
            mine: PlansPath.mine.path, csrf: req.csrfToken)
        return try await render(page, outcome, req)
    }

    private func done(token: String, _ req: Request) async throws -> Response {
        let outcome = try await PlanDigestSwitch(app: req.application).turnOff(token: token)
        let page = UnsubscribePage(ask: false, action: "", message: req.t(Self.messageKey(outcome)), mine: PlansPath.mine.path, csrf: "")
        return try await render(page, outcome, req)
    }

    private func render(_ page: UnsubscribePage, _ outcome: PlanDigestSwitch.Outcome?, _ req: Request) async throws -> Response {
        try await req.render(
            "plans/unsubscribe", titleKey: "plans.digest.unsubscribe.title", page, status: outcome == .unknownLink ? .notFound : .ok)
    }

    static func messageKey(_ outcome: PlanDigestSwitch.Outcome) -> String {
        switch outcome {
        case .turnedOff: "plans.digest.unsubscribe.done"
        case .alreadyOff: "plans.digest.unsubscribe.already"
        case .unknownLink: "plans.digest.unsubscribe.unknown"
        case .turnedOn, .alreadyOn: "plans.mine.digest.turned_on"
        }
    }
}
