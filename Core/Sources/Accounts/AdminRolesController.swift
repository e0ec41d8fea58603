import Fluent
import FluentSQL
import Vapor

/// Admins give and take roles, finding people by name or address, a page at a time. A powerful
/// role is given only after a confirmation page, and after a change the page names who got or
/// lost what (issue #8, item 10).
struct AdminRolesController: RouteCollection {
    static let pageSize = 50

    struct RoleForm: Content {
        var user_id: UUID?
        var role: String?
        var grant: String?
        var bevestigd: String?
        var zoek: String?
        var pagina: Int?
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
        /// The state in words, not only by colour: yes, no, or yes through the admin role.
        var state: String
        var powerful: Bool
    }
    struct Page: Encodable {
        var users: [Row]
        /// A refused change, as the error summary shows it.
        var errors: FormErrors?
        /// Who got or lost what, after a change.
        var changed: String?
        var query: String
        var page: Int
        var previous: String?
        var next: String?
    }
    struct Confirmation: Encodable {
        var userID: String
        var role: String
        var question: String
        var power: String
        var confirm: String
        var query: String
        var page: Int
        var back: String
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
            let held = Set(user.roleGrants.compactMap { Role(rawValue: $0.role) })
            return Row(
                id: try user.requireID().uuidString, name: user.name, email: user.email,
                roles: Role.allCases.filter { $0 != .resident }.map { role in
                    let state =
                        held.contains(role)
                        ? "admin.roles.state_held" : held.allow(role) ? "admin.roles.state_via_admin" : "admin.roles.state_not_held"
                    return RoleCell(
                        value: role.rawValue, label: req.t(role.textKey), held: held.contains(role), state: req.t(state),
                        powerful: role.isPowerful)
                })
        }
        func link(_ page: Int) -> String { CorePath.adminRoles(search: search, page: page).path }
        let page = Page(
            users: Array(rows), errors: error.map { FormErrors(summary: $0, form: "roles") }, changed: try await changeMessage(req),
            query: search, page: number,
            previous: number > 1 ? link(number - 1) : nil, next: users.count > Self.pageSize ? link(number + 1) : nil)
        return try await req.render("admin/roles", titleKey: "admin.roles.title", page, status: status, errors: page.errors)
    }

    /// Names the change in `?persoon=…&rol=…` by the person's present state, so even an edited
    /// address can only ever show what is true now.
    private func changeMessage(_ req: Request) async throws -> String? {
        guard let id = req.queryValue("persoon").flatMap(UUID.init(uuidString:)),
            let role = req.queryValue("rol").flatMap(Role.init(rawValue:)), role != .resident,
            let user = try await User.find(id, on: req.db)
        else { return nil }
        let holds = try await user.roles(on: req.db).contains(role)
        let arguments = ["name": user.name, "email": user.email, "role": req.t(role.textKey)]
        return req.t(holds ? "admin.roles.changed_granted" : "admin.roles.changed_revoked", arguments)
    }

    func change(req: Request) async throws -> Response {
        guard let form = req.decodeForm(RoleForm.self), let userID = form.user_id,
            let role = form.role.flatMap(Role.init(rawValue:)), let grant = form.grant, ["0", "1"].contains(grant)
        else { return try await render(req, error: req.t("admin.roles.invalid"), status: .badRequest) }
        // Back to the page and search the admin was on.
        let search = String((form.zoek ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        let number = min(max(form.pagina ?? 1, 1), 100_000)
        let outcome = try await GrantRole(app: req.application).run(
            by: req.requireUser(), userID: userID, role: role, grant: grant == "1", confirmed: form.bevestigd == "1")
        switch outcome {
        case .granted, .revoked, .unchanged:
            return req.redirect(to: CorePath.adminRoles(search: search, page: number, changed: (userID, role)).path)
        case .needsConfirmation:
            guard let user = try await User.find(userID, on: req.db) else {
                return try await render(req, error: req.t("admin.roles.unknown_user"), status: .notFound)
            }
            let arguments = ["name": user.name, "email": user.email, "role": req.t(role.textKey)]
            let confirmation = Confirmation(
                userID: userID.uuidString, role: role.rawValue, question: req.t("admin.roles.confirm_question", arguments),
                power: req.t("admin.roles.power.\(role.rawValue)"), confirm: req.t("admin.roles.confirm_button", arguments),
                query: search, page: number, back: CorePath.adminRoles(search: search, page: number).path)
            return try await req.render("admin/role-confirm", titleKey: "admin.roles.confirm_title", confirmation)
        case .unknownUser: return try await render(req, error: req.t("admin.roles.unknown_user"), status: .notFound)
        case .cannotRevokeOwnAdmin: return try await render(req, error: req.t("admin.roles.own_admin"), status: .badRequest)
        }
    }
}
