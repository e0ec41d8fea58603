import Vapor

/// Who may use a route. Every route declares one (a test walks them all).
public enum Access: Sendable, Equatable, CustomStringConvertible {
    case anyone
    case signedIn
    case role(Role)
    /// Any one of these roles (a case is read by the fund committee and the treasurer).
    case anyRole([Role])

    public var description: String {
        switch self {
        case .anyone: "anyone"
        case .signedIn: "signed in"
        case .role(let role): "role \(role.rawValue)"
        case .anyRole(let roles): "role " + roles.map(\.rawValue).joined(separator: " or ")
        }
    }

    /// The roles that may use a route with this access; nil when no role is needed.
    public var roles: [Role]? {
        switch self {
        case .anyone, .signedIn: nil
        case .role(let role): [role]
        case .anyRole(let roles): roles
        }
    }

    static let userInfoKey = "kracht.access"
}

extension Route {
    /// The access this route declared, nil if it declared none.
    public var access: Access? { userInfo[Access.userInfoKey] as? Access }
}

extension RoutesBuilder {
    /// Routes added to the returned builder are usable by `access` only, and say so.
    public func access(_ access: Access) -> any RoutesBuilder {
        AccessRoutesBuilder(base: access == .anyone ? self : grouped(AccessMiddleware(access: access)), access: access)
    }
}

private struct AccessRoutesBuilder: RoutesBuilder {
    let base: any RoutesBuilder
    let access: Access

    func add(_ route: Route) {
        route.userInfo[Access.userInfoKey] = access
        base.add(route)
    }
}

/// Refuses who may not: an anonymous visitor is sent to log in (401 for non-page
/// requests), a person without the role gets 403.
struct AccessMiddleware: AsyncMiddleware {
    let access: Access

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let user = req.auth.get(User.self) else {
            if req.method == .GET, req.wantsHTML {
                return req.redirect(to: CorePath.logIn(returnTo: req.url.path))
            }
            throw Abort(.unauthorized)
        }
        if let needed = access.roles {
            let held = try await req.signedInRoles()
            guard needed.contains(where: held.allow) else { throw Abort(.forbidden) }
        }
        return try await next.respond(to: req)
    }
}

extension Request {
    /// The signed-in person's roles (none when signed out), read once per request: the access
    /// check, the layout's menu and a page's own checks all ask.
    public func signedInRoles() async throws -> Set<Role> {
        if let held = storage[SignedInRolesKey.self] { return held }
        guard let user = auth.get(User.self) else { return [] }
        let held = try await user.roles(on: db)
        storage[SignedInRolesKey.self] = held
        return held
    }

    private struct SignedInRolesKey: StorageKey { typealias Value = Set<Role> }

    /// A browser asking for a page, rather than a client asking for data.
    public var wantsHTML: Bool {
        !url.path.hasPrefix("/api/") && (headers.first(name: .accept).map { $0.contains("html") || $0.contains("*/*") } ?? true)
    }

    /// The signed-in person, or a 401.
    public func requireUser() throws -> User {
        guard let user = auth.get(User.self) else { throw Abort(.unauthorized) }
        return user
    }
}
