import Fluent
import FluentSQL
import Vapor

/// Admins give and take roles, finding people by name or address, a page at a time.
struct AdminRolesController: RouteCollection {
    static let pageSize = 50

    struct RoleForm: Content {
        var user_id: UUID?
        var role: String?
        var grant: String?
        var terug: String?
    }
    struct Row: Encodable {
        var id: String
        var name: String
        var email: String
        var roles: [RoleCell]
    }
    struct RoleCell: Encodable {
        var value: String
        var label: String
        var held: Bool
    }
    struct Page: Encodable {
        var users: [Row]
        var error: String?
        var query: String
        var page: Int
        var here: String
        var previous: String?
        var next: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.access(.role(.admin))
        admin.get(CorePath.adminRoles(), use: list)
        admin.post(CorePath.adminRoles(), use: change)
    }

    func list(req: Request) async throws -> Response {
        try await render(req, error: nil, status: .ok)
    }

    func render(_ req: Request, error: String?, status: HTTPStatus) async throws -> Response {
        let search = String((req.queryValue("zoek") ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        let number = min(max(req.queryInt("pagina") ?? 1, 1), 100_000)
        let query = User.query(on: req.db).with(\.$roleGrants).sort(\.$name).sort(\.$id)
        if !search.isEmpty {
            // lower() on both sides: LIKE is case-sensitive on PostgreSQL, not on SQLite.
            let escaped = search.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            let pattern = "%\(escaped)%"
            query.filter(
                .sql(
                    embed: """
                        (lower(\(ident: "name")) LIKE \(bind: pattern) ESCAPE '\\' OR lower(\(ident: "email")) LIKE \(bind: pattern) ESCAPE '\\')
                        """))
        }
        // One more than a page, to know whether there is a next one.
        let users = try await query.range(((number - 1) * Self.pageSize)..<(number * Self.pageSize + 1)).all()
        let rows = try users.prefix(Self.pageSize).map { user in
            let held = Set(user.roleGrants.map(\.role))
            return Row(
                id: try user.requireID().uuidString, name: user.name, email: user.email,
                roles: Role.allCases.filter { $0 != .resident }.map {
                    RoleCell(value: $0.rawValue, label: req.t($0.textKey), held: held.contains($0.rawValue))
                })
        }
        func link(_ page: Int) -> String { CorePath.adminRoles(search: search, page: page).path }
        let page = Page(
            users: Array(rows), error: error, query: search, page: number, here: link(number),
            previous: number > 1 ? link(number - 1) : nil, next: users.count > Self.pageSize ? link(number + 1) : nil)
        return try await req.render("admin/roles", titleKey: "admin.roles.title", page, status: status)
    }

    func change(req: Request) async throws -> Response {
        guard let form = req.decodeForm(RoleForm.self), let userID = form.user_id,
            let role = form.role.flatMap(Role.init(rawValue:)), let grant = form.grant, ["0", "1"].contains(grant)
        else { return try await render(req, error: req.t("admin.roles.invalid"), status: .badRequest) }
        switch try await GrantRole(app: req.application).run(by: req.requireUser(), userID: userID, role: role, grant: grant == "1") {
        case .granted, .revoked, .unchanged:
            // Back to the page and search the admin was on.
            let back = safeReturnPath(form.terug)
            let roles = CorePath.adminRoles()
            return Flash.redirect(req, to: back.hasPrefix(roles.path) ? back : roles.path, messageKey: "admin.roles.saved")
        case .unknownUser: return try await render(req, error: req.t("admin.roles.unknown_user"), status: .notFound)
        case .cannotRevokeOwnAdmin: return try await render(req, error: req.t("admin.roles.own_admin"), status: .badRequest)
        }
    }
}
