import Fluent
import KrachtCore
import Vapor

/// A resident's own page (`/initiatieven/mijn`): the initiatives they run, whatever their state,
/// with the asks and hours waiting for them; and the actions they joined or asked to join.
struct MineController: RouteCollection {
    struct MyInitiative: Encodable {
        var name, path, status: String
        var pendingRequests, pendingHours: Int
        var newActionPath: String
    }
    struct MyAction: Encodable {
        var title, initiative, path, state: String
    }
    struct MinePage: Encodable {
        var initiatives: [MyInitiative]
        var actions: [MyAction]
        var newPath = InitiativesPath.new.path
        var browsePath = InitiativesPath.browse().path
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.access(.signedIn).get(InitiativesPath.mine, use: mine)
    }

    func mine(req: Request) async throws -> Response {
        let userID = try req.requireUser().requireID()
        let db = req.db
        let organised = try await InitiativeOrganiser.query(on: db).filter(\.$userID == userID).limit(200).all().map(\.initiativeID)
        let initiatives = try await Initiative.query(on: db).filter(\.$id ~~ organised).sort(\.$name).all()
        var mine: [MyInitiative] = []
        for initiative in initiatives {
            let id = try initiative.requireID()
            mine.append(
                MyInitiative(
                    name: initiative.name, path: InitiativesPath.initiative(.value(initiative.slug)).path,
                    status: req.t("initiatives.mine.status.\(initiative.status.rawValue)"),
                    pendingRequests: try await Participation.query(on: db).filter(\.$initiativeID == id).filter(\.$state == .requested)
                        .count(),
                    pendingHours: try await VolunteerHours.query(on: db).filter(\.$initiativeID == id).filter(\.$state == .pending).count(),
                    newActionPath: InitiativesPath.newAction(.value(initiative.slug)).path))
        }
        let participations = try await Participation.query(on: db).filter(\.$userID == userID)
            .filter(\.$state != .withdrawn).sort(\.$createdAt, .descending).limit(200).all()
        let actions = try await InitiativeAction.query(on: db).filter(\.$id ~~ Set(participations.map(\.actionID))).all()
        let actionByID = Dictionary(actions.compactMap { a in a.id.map { ($0, a) } }, uniquingKeysWith: { a, _ in a })
        let owners = try await Initiative.query(on: db).filter(\.$id ~~ Set(actions.map(\.initiativeID))).all()
        let ownerByID = Dictionary(owners.compactMap { i in i.id.map { ($0, i) } }, uniquingKeysWith: { a, _ in a })
        let joined = participations.compactMap { row -> MyAction? in
            guard let action = actionByID[row.actionID], let initiative = ownerByID[action.initiativeID], let actionID = action.id else {
                return nil
            }
            return MyAction(
                title: action.title, initiative: initiative.name,
                path: InitiativesPath.action(.value(initiative.slug), action: .value(actionID)).path,
                state: req.t("initiatives.join.state.\(row.state.rawValue)"))
        }
        return try await req.render("initiatives/mine", titleKey: "initiatives.mine.title", MinePage(initiatives: mine, actions: joined))
    }
}
