import Fluent
import Initiatives
import KrachtCore
import Vapor

/// An action's candidates, for its initiative's organisers and coordinators: findable residents
/// who fit, by first name and initial with their reasons, and an invitation through the platform.
struct CandidatesController: RouteCollection {
    struct Row: Encodable {
        var user, name: String
        var reasons: [ReasonText]
    }
    struct Page: Encodable {
        var title, initiative, actionPath, invitePath: String
        var rows: [Row]
    }

    static let limit = 20

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get(InitiativesPath.candidates(.key, action: .key), use: show)
        signedIn.post(InitiativesPath.inviteCandidate(.key, action: .key), use: invite)
    }

    func show(req: Request) async throws -> Response {
        let (initiative, action) = try await find(req)
        let viewer = try req.requireUser()
        let candidates = try await CandidateSearch.best(
            for: action, of: initiative, excluding: viewer.id, limit: Self.limit, on: req.db)
        let skillNames = try await SkillList.names(of: Array(Set(candidates.flatMap(\.match.action.skills))), on: req.db)
        let rows = candidates.map { candidate in
            Row(
                user: candidate.userID.uuidString, name: candidate.shortName,
                reasons: MatchReasonText.words(candidate.match.reasons, in: req.language, skillNames: skillNames, app: req.application))
        }
        let slug = Parameter<String>.value(initiative.slug)
        let id = Parameter<UUID>.value(try action.requireID())
        return try await req.render(
            "matching/candidates", titleKey: "matching.candidates.title", titleArguments: ["action": action.title],
            Page(
                title: action.title, initiative: initiative.name, actionPath: InitiativesPath.action(slug, action: id).path,
                invitePath: InitiativesPath.inviteCandidate(slug, action: id).path, rows: rows))
    }

    struct InviteInput: Content { var user: String? }

    func invite(req: Request) async throws -> Response {
        let (initiative, action) = try await find(req)
        let input = req.decodeForm(InviteInput.self)
        let userID = input?.user.flatMap(UUID.init(uuidString:))
        let outcome = try await InviteCandidate(app: req.application).run(
            by: req.requireUser(), invite: userID, to: action, of: initiative)
        let key =
            switch outcome {
            case .invited: "matching.candidates.invited"
            case .alreadyInvited: "matching.candidates.already_invited"
            case .notFindable: "matching.candidates.not_findable"
            case .actionNotOpen: "matching.candidates.action_not_open"
            case .rateLimited: "matching.candidates.rate_limited"
            case .invalid: "matching.candidates.not_sent"
            }
        let back = InitiativesPath.candidates(.value(initiative.slug), action: .value(try action.requireID()))
        return Flash.redirect(req, to: back, messageKey: key)
    }

    /// The initiative and its action; 404 if either is unknown, 403 unless the viewer organises
    /// the initiative or is a coordinator.
    func find(_ req: Request) async throws -> (Initiative, InitiativeAction) {
        guard let slug = req.parameters.get("slug"), let actionID = req.parameters.get("action").flatMap(UUID.init(uuidString:)),
            let initiative = try await Initiative.query(on: req.db).filter(\.$slug == slug).first(),
            let action = try await InitiativeAction.find(actionID, on: req.db), action.initiativeID == initiative.id
        else { throw Abort(.notFound) }
        let user = try req.requireUser()
        let organises =
            try await InitiativeOrganiser.query(on: req.db).filter(\.$initiativeID == initiative.requireID())
            .filter(\.$userID == user.requireID()).count() > 0
        guard organises ? true : try await user.roles(on: req.db).allow(.coordinator) else { throw Abort(.forbidden) }
        return (initiative, action)
    }
}
