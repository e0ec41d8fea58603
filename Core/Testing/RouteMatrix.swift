import Fluent
import KrachtCore
import Vapor
import XCTVapor
import XCTest

/// Walks every registered route of `app`: each declares who may use it, and each protected one
/// refuses an anonymous visitor (to the login page, or 401), a signed-in person without the
/// role and a person holding every other role (403). Every feature's tests call it, so a new route can never be left open by mistake.
public func assertEveryRouteDeclaresItsAccess(
    _ app: Application, file: StaticString = #filePath, line: UInt = #line
) async throws {
    let residentEmail = "matrix-bewoner@example.nl"
    _ = try await app.makeUser(email: residentEmail)
    let routes = app.routes.all
    let undeclared = routes.filter { $0.access == nil }.map { "\($0.method) /\($0.path.string)" }
    XCTAssertEqual(undeclared, [], "routes without a declared access", file: file, line: line)

    let resident = Browser(app)
    try await resident.logIn(residentEmail)
    for route in routes {
        guard let access = route.access, access != .anyone else { continue }
        let path =
            "/"
            + route.path.map { component -> String in
                switch component {
                case .constant(let value): value
                default: "x"
                }
            }.joined(separator: "/")

        let anonymous = Browser(app)
        let refused = route.method == .GET ? try await anonymous.get(path) : try await anonymous.post(path)
        XCTAssertTrue(
            [.seeOther, .unauthorized].contains(refused.status), "\(route.method) \(path) let an anonymous visitor in: \(refused.status)",
            file: file, line: line)
        if refused.status == .seeOther {
            XCTAssertTrue(refused.location?.hasPrefix(CorePath.logIn().path) ?? false, "\(path)", file: file, line: line)
        }

        guard let needed = access.roles else { continue }
        let forbidden = route.method == .GET ? try await resident.get(path) : try await resident.post(path)
        XCTAssertEqual(
            forbidden.status, .forbidden, "\(route.method) \(path) let a resident in without \(access)", file: file, line: line)

        let others = Role.allCases.filter { other in !needed.contains { other.includes($0) } && other != .resident }
        let otherEmail = "matrix-\(others.map(\.rawValue).joined(separator: "-"))@example.nl"
        if try await User.query(on: app.db).filter(\.$email == otherEmail).first() == nil {
            _ = try await app.makeUser(email: otherEmail, roles: others)
        }
        let otherRoles = Browser(app)
        try await otherRoles.logIn(otherEmail)
        let stillForbidden = route.method == .GET ? try await otherRoles.get(path) : try await otherRoles.post(path)
        XCTAssertEqual(
            stillForbidden.status, .forbidden, "\(route.method) \(path) let someone with roles \(others) in without \(access)",
            file: file, line: line)
    }
}
