import Vapor

/// A path's parameter: `.key` where the route is registered, `.value(x)` where a link is made.
public enum Parameter<Value: Sendable>: Sendable {
    case key
    case value(Value)

    /// The component for this parameter, named `name` in the route.
    public func component(_ name: String) -> PathComponent {
        switch self {
        case .key: .parameter(name)
        case .value(let value): .constant(String(describing: value))
        }
    }
}

/// The pages and actions of a feature, each declared once: the same value registers the route
/// and prints every link and redirect to it, so a link can never point nowhere (the pattern of
/// SwiftPackageIndex-Server's `SiteURL` and pointfreeco's routes).
public protocol SitePath: Sendable {
    /// The path's components; a `.key` parameter is a route parameter (`:name`).
    var components: [PathComponent] { get }
    /// A query string's pairs, for links only.
    var query: [(String, String)] { get }
}

extension SitePath {
    public var query: [(String, String)] { [] }

    /// The path with its query, for links and redirects: `/manifest/bevestigen/abc`.
    public var path: String {
        let path = "/" + components.map { PathEscaping.escape($0.description, allowed: PathEscaping.pathAllowed) }.joined(separator: "/")
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\($0)=\(PathEscaping.escape($1, allowed: PathEscaping.queryAllowed))" }.joined(separator: "&")
    }

    /// The path up to its first parameter: what every link to it starts with
    /// (`/manifest/bevestigen/` for `ManifestoPath.confirm(.key)`).
    public var stem: String {
        let constants = components.prefix { if case .constant = $0 { true } else { false } }
        let stem = "/" + constants.map(\.description).joined(separator: "/")
        return constants.count < components.count && stem != "/" ? stem + "/" : stem
    }

    /// The full address, for mail and shared links.
    public func url(on app: Application) -> String { app.config.baseURL + path }
}

enum PathEscaping {
    static let pathAllowed = allowing(.urlPathAllowed)
    static let queryAllowed = allowing(.alphanumerics)

    private static func allowing(_ base: CharacterSet) -> CharacterSet {
        var allowed = base
        allowed.remove(charactersIn: "/?#&=+")
        allowed.insert(charactersIn: "-._~")
        return allowed
    }

    /// Slugs and ids are plain ASCII: they need no encoding, and Foundation's is slow (a page of
    /// 150 activities prints a thousand links).
    static func escape(_ text: String, allowed: CharacterSet) -> String {
        if text.utf8.allSatisfy(isUnreserved) { return text }
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }
}

extension RoutesBuilder {
    @discardableResult
    public func get<Response: AsyncResponseEncodable>(
        _ path: some SitePath, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.GET, path.components, use: closure)
    }

    @discardableResult
    public func post<Response: AsyncResponseEncodable>(
        _ path: some SitePath, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.POST, path.components, use: closure)
    }
}

extension Request {
    /// A redirect (303 after a form, 302 otherwise) to one of the site's paths.
    public func redirect(to path: some SitePath) -> Response {
        redirect(to: path.path, redirectType: .normal)
    }
}
