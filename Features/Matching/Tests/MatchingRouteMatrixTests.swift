import Initiatives
import KrachtCore
import KrachtTesting
import Matching
import Vapor
import XCTest

/// Every matching route declares who may use it, and the routes below are registered with
/// exactly the access written next to them. Each helper adds the rows of their own routes.
final class MatchingRouteMatrixTests: XCTestCase {
    /// One row per route: method, the path as registered (`:name` for a parameter), its access.
    static let rows: [(HTTPMethod, String, Access)] = [
        // profile, /voor-jou, /nu, candidates (matching helper)
        (.GET, MatchingPath.forYou.pattern, .signedIn),
        (.GET, MatchingPath.nearby().pattern, .anyone),
        (.GET, MatchingPath.profile.pattern, .signedIn),
        (.POST, MatchingPath.profile.pattern, .signedIn),
        (.GET, InitiativesPath.candidates(.key, action: .key).pattern, .signedIn),
        (.POST, InitiativesPath.inviteCandidate(.key, action: .key).pattern, .signedIn),
        // ideas and messages (ideas helper)
        (.GET, MatchingPath.ideas().pattern, .anyone),
        (.GET, MatchingPath.idea(.key).pattern, .anyone),
        (.GET, MatchingPath.newIdea.pattern, .signedIn),
        (.POST, MatchingPath.newIdea.pattern, .signedIn),
        (.GET, MatchingPath.editIdea(.key).pattern, .signedIn),
        (.POST, MatchingPath.editIdea(.key).pattern, .signedIn),
        (.POST, MatchingPath.withdrawIdea(.key).pattern, .signedIn),
        (.POST, MatchingPath.supportIdea(.key).pattern, .signedIn),
        (.POST, MatchingPath.unsupportIdea(.key).pattern, .signedIn),
        (.GET, MatchingPath.messageAboutIdea(.key).pattern, .signedIn),
        (.POST, MatchingPath.messageAboutIdea(.key).pattern, .signedIn),
        (.GET, MatchingPath.convertIdea(.key).pattern, .signedIn),
        (.POST, MatchingPath.convertIdea(.key).pattern, .signedIn),
        (.GET, MatchingPath.messages.pattern, .signedIn),
        (.GET, MatchingPath.conversation(.key).pattern, .signedIn),
        (.POST, MatchingPath.conversation(.key).pattern, .signedIn),
        // digest (digest helper): the unsubscribe link works without signing in
        (.GET, MatchingPath.digestUnsubscribe(.key).pattern, .anyone),
        (.POST, MatchingPath.digestUnsubscribe(.key).pattern, .anyone),
        (.GET, MatchingPath.digestOneClick(token: "").pattern, .anyone),
        (.POST, MatchingPath.digestOneClick(token: "").pattern, .anyone),
    ]

    func testEveryRouteDeclaresItsAccessAndRefusesOthers() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            try await assertEveryRouteDeclaresItsAccess(app)
        }
    }

    func testEachListedRouteIsRegisteredWithItsAccess() async throws {
        try await withApp(features: [InitiativesFeature(), MatchingFeature()]) { app in
            // setup
            let registered = Dictionary(
                app.routes.all.map { ("\($0.method) /\($0.path.string)", $0.access) }, uniquingKeysWith: { first, _ in first })
            // validation
            for (method, path, access) in Self.rows {
                let key = "\(method) \(path)"
                XCTAssertNotNil(registered[key], "\(key) is not registered")
                XCTAssertEqual(registered[key] ?? nil, access, "\(key) declares another access")
            }
        }
    }
}

extension SitePath {
    /// The path as Vapor prints a registered route: `/initiatieven/:slug/acties/:action`.
    fileprivate var pattern: String { "/" + components.map(\.description).joined(separator: "/") }
}
