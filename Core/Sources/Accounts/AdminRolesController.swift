import Fluent
import Vapor

/// Admins give and take roles.
struct AdminRolesController: RouteCollection {
    struct RoleForm: Content { var user_id: UUID?; var role: String?; var grant: String? }
    struct Row: Encodable { var id: String; var name: String; var email: String; var roles: [RoleCell] }
    struct RoleCell: Encodable { var value: String; var label: String; var held: Bool }
    struct Page: Encodable { var users: [Row]; var error: String? }

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("beheer", "rollen").access(.role(.admin))
        admin.get(use: list)
        admin.post(use: change)
    }

    func list(req: Request) async throws -> Response {
        try await render(req, error: nil, status: .ok)
    }

    func render(_ req: Request, error: String?, status: HTTPStatus) async throws -> Response {
        let users = try await User.query(on: req.db).with(\.$roleGrants).sort(\.$name).limit(500).all()
        let rows = try users.map { user in
            let held = Set(user.roleGrants.map(\.role))
            return Row(id: try user.requireID().uuidString, name: user.name, email: user.email, roles: Role.allCases.filter { $0 != .resident }.map {
                RoleCell(value: $0.rawValue, label: req.t($0.textKey), held: held.contains($0.rawValue))
            })
        }
        return try await req.render("admin/roles", titleKey: "admin.roles.title", Page(users: rows, error: error), status: status)
    }

    func change(req: Request) async throws -> Response {
        guard let form = req.decodeForm(RoleForm.self), let userID = form.user_id,
            let role = form.role.flatMap(Role.init(rawValue:)), let grant = form.grant, ["0", "1"].contains(grant)
        else { return try await render(req, error: req.t("admin.roles.invalid"), status: .badRequest) }
        switch try await GrantRole(app: req.application).run(by: req.requireUser(), userID: userID, role: role, grant: grant == "1") {
        case .granted, .revoked, .unchanged: return Flash.redirect(req, to: "/beheer/rollen", messageKey: "admin.roles.saved")
        case .unknownUser: return try await render(req, error: req.t("admin.roles.unknown_user"), status: .notFound)
        case .cannotRevokeOwnAdmin: return try await render(req, error: req.t("admin.roles.own_admin"), status: .badRequest)
        }
    }
}
