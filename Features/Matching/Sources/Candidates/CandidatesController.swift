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
        /// Only an approved initiative looks for people; before that the page says so.
        var approved: Bool
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
        let approved = initiative.status == .approved
        let candidates =
            approved
            ? try await CandidateSearch.best(for: action, of: initiative, excluding: viewer.id, limit: Self.limit, on: req.db) : []
        let skillNames = try await SkillList.names(of: Array(Set(candidates.flatMap(\.match.action.skills))), on: req.db)
        let rows = candidates.map { candidate in
            Row(
                user: candidate.userID.uuidString, name: candidate.shortName,
                reasons: MatchReasonText.words(
                    candidate.match.reasons, in: req.language, skillNames: skillNames, voice: .organiser, app: req.application))
        }
        let slug = Parameter<String>.value(initiative.slug)
        let id = Parameter<UUID>.value(try action.requireID())
        return try await req.render(
            "matching/candidates", titleKey: "matching.candidates.title", titleArguments: ["action": action.title],
            Page(
                title: action.title, initiative: initiative.name, actionPath: InitiativesPath.action(slug, action: id).path,
                invitePath: InitiativesPath.inviteCandidate(slug, action: id).path, approved: approved, rows: rows))
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
            case .initiativeNotApproved: "matching.candidates.not_approved"
            case .rateLimited: "matching.candidates.rate_limited"
            case .invalid: "matching.candidates.not_sent"
            }
        let back = InitiativesPath.candidates(.value(initiative.slug), action: .value(try action.requireID()))
        return Flash.redirect(req, to: back, messageKey: key)
    }

    /// The initiative and its action; 404 if either is unknown, 403 unless the viewer organises
    /// the initiative or is a coordinator.
    func find(_ req: Request) async throws -> (Initiative, InitiativeAction) {
        let initiative = try await InitiativeAccess.initiative(req)
        let action = try await InitiativeAccess.action(req, of: initiative)
        _ = try await InitiativeAccess.requireManager(req, of: initiative)
        return (initiative, action)
    }
}
