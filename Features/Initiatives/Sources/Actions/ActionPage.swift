import Fluent
import Foundation
import KrachtCore
import Vapor

/// Everything an action's page shows: for everyone what, when, where and how many places are
/// left with the join form; for its organisers the asks to decide and who is in (name and
/// e-mail: they joined), with links to the fitting residents and to the hours.
struct ActionPage: Encodable {
    struct Person: Encodable {
        var name: String
        var email: String?
        var message: String?
        var when: String
        var decidePath: String
    }

    var id, title, description, initiativeName, initiativePath: String
    var facts: ActionFacts
    var skills: [String]
    var placesLeft: String
    var isFull, isOpen, isOrganiser, signedIn: Bool
    /// The viewer's own state on this action, in words; nil when they have not asked.
    var myState: String?
    var canJoin, canWithdraw: Bool
    /// The viewer organises this initiative: told so where others find the join form.
    var organises: Bool
    var joinPath, withdrawPath, editPath, closePath, candidatesPath, hoursPath: String
    var loginPath: String
    var requests: [Person]
    var accepted: [Person]
    var errors = FormErrors()
    var hasErrors = false
    var message = ""

    static func build(_ action: InitiativeAction, of initiative: Initiative, req: Request) async throws -> ActionPage {
        let db = req.db
        let user = req.auth.get(User.self)
        let actionID = try action.requireID()
        let slug = Parameter<String>.value(initiative.slug)
        let isOrganiser = try await InitiativeAccess.canManage(user, of: try initiative.requireID(), on: db)
        let skillIDs = try await ActionSkill.query(on: db).filter(\.$actionID == actionID).all().map(\.skillID)
        let names = try await SkillList.names(of: skillIDs, on: db)
        var mine: Participation?
        // An organiser runs the action; they do not ask themselves to join it (a coordinator may).
        var organises = false
        if let userID = user?.id {
            mine = try await Participation.query(on: db).filter(\.$actionID == actionID).filter(\.$userID == userID).first()
            organises = try await InitiativeAccess.isOrganiser(userID, of: action.initiativeID, on: db)
        }
        let isOpen = action.status == .open && initiative.status == .approved
        var requests: [Person] = []
        var accepted: [Person] = []
        if isOrganiser {
            let rows = try await Participation.query(on: db).filter(\.$actionID == actionID)
                .filter(\.$state ~~ [.requested, .accepted]).sort(\.$createdAt).limit(500).all()
            let people = try await User.query(on: db).filter(\.$id ~~ Set(rows.compactMap(\.userID))).all()
            let byID = Dictionary(people.compactMap { p in p.id.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
            for row in rows {
                let person = row.userID.flatMap { byID[$0] }
                let entry = Person(
                    name: person?.name ?? req.t("initiatives.action.erased"),
                    // An accepted participant joined: their organisers may write to them. An ask shows the name only.
                    email: row.state == .accepted ? person?.email : nil, message: row.message,
                    when: AmsterdamTime.format(row.createdAt, "d MMM yyyy HH:mm", in: req.language),
                    decidePath: InitiativesPath.decideParticipation(
                        slug, action: .value(actionID), participation: .value(try row.requireID())
                    )
                    .path)
                if row.state == .accepted { accepted.append(entry) } else { requests.append(entry) }
            }
        }
        return ActionPage(
            id: actionID.uuidString, title: action.title, description: action.description, initiativeName: initiative.name,
            initiativePath: InitiativesPath.initiative(slug).path,
            facts: ActionFacts(action, reference: req.application.reference, t: { req.t($0, $1) }, language: req.language),
            skills: skillIDs.compactMap { names[$0] }.sorted(),
            placesLeft: ActionFacts.placesLeft(action, t: { req.t($0, count: $1) }, full: req.t("initiatives.action.full")),
            isFull: action.isFull, isOpen: isOpen, isOrganiser: isOrganiser, signedIn: user != nil,
            myState: mine.map { req.t("initiatives.join.state.\($0.state.rawValue)") },
            canJoin: isOpen && !action.isFull && !organises && (mine == nil || mine?.state == .withdrawn),
            canWithdraw: mine.map { [.requested, .accepted].contains($0.state) } ?? false, organises: organises,
            joinPath: InitiativesPath.join(slug, action: .value(actionID)).path,
            withdrawPath: InitiativesPath.withdraw(slug, action: .value(actionID)).path,
            editPath: InitiativesPath.editAction(slug, action: .value(actionID)).path,
            closePath: InitiativesPath.closeAction(slug, action: .value(actionID)).path,
            candidatesPath: InitiativesPath.candidates(slug, action: .value(actionID)).path,
            hoursPath: InitiativesPath.hours(slug, action: .value(actionID)).path,
            loginPath: CorePath.logIn(returnTo: req.url.path).path,
            requests: requests, accepted: accepted)
    }
}
