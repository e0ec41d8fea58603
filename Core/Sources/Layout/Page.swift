import Leaf
import Vapor

/// What every page's layout needs: language, the signed-in person, the form token, navigation.
public struct LayoutContext: Encodable, Sendable {
    public var lang: String
    /// `ltr` or `rtl`, from the language's catalogue (`language.dir`).
    public var dir: String
    /// The other languages, each named in itself, for the switch.
    public var languages: [LanguageChoice]
    public var title: String
    public var path: String
    public var csrf: String
    public var user: SignedInUser?
    public var flash: String?
    public var nav: [NavItem]
}

public struct LanguageChoice: Encodable, Sendable {
    public var code: String
    public var name: String
    public var dir: String
}

public struct SignedInUser: Encodable, Sendable {
    public var name: String
    /// The staff pages this person may open, for the header.
    public var staff: [NavItem]
}

public struct NavItem: Encodable, Sendable {
    public var label: String
    public var href: String
    public var current: Bool
}

/// A section in the header, registered by its feature; with a role, a staff page shown
/// only to people who hold it.
public struct NavigationEntry: Sendable {
    public var textKey: String
    public var path: String
    public var role: Role?
    public init(textKey: String, path: String, role: Role? = nil) {
        self.textKey = textKey
        self.path = path
        self.role = role
    }
}

private struct PageEnvelope<Page: Encodable>: Encodable {
    var layout: LayoutContext
    var page: Page
}

public struct NoContent: Encodable, Sendable { public init() {} }

extension Request {
    /// Renders `view` inside the layout, with `titleKey` from the catalogue as the page title.
    public func render(_ view: String, titleKey: String, _ page: some Encodable = NoContent(), status: HTTPStatus = .ok)
        async throws -> Response
    {
        let layout = try await layoutContext(title: t(titleKey))
        let rendered = try await self.view.render(view, PageEnvelope(layout: layout, page: page)).get()
        let response = try await rendered.encodeResponse(status: status, for: self)
        Flash.clear(on: response, if: layout.flash != nil)
        return response
    }

    func layoutContext(title: String) async throws -> LayoutContext {
        let user = auth.get(User.self)
        let roles = try await user?.roles(on: db) ?? []
        let path = url.path
        let item = { (entry: NavigationEntry) in
            NavItem(label: self.t(entry.textKey), href: entry.path, current: path == entry.path || path.hasPrefix(entry.path + "/"))
        }
        return LayoutContext(
            lang: language.rawValue,
            dir: t("language.dir"),
            languages: Language.allCases.filter { $0 != language }.map { other in
                LanguageChoice(
                    code: other.rawValue, name: application.catalogue.text("language.name", in: other),
                    dir: application.catalogue.text("language.dir", in: other))
            },
            title: title,
            path: path,
            csrf: csrfToken,
            user: user.map { user in
                SignedInUser(name: user.name, staff: application.navigation.filter { $0.role.map(roles.contains) ?? false }.map(item))
            },
            // The key comes from a cookie: show only what the catalogue knows.
            flash: Flash.key(in: self).flatMap { application.catalogue.has($0) ? t($0) : nil },
            nav: application.navigation.filter { $0.role == nil }.map(item)
        )
    }
}

extension Application {
    /// The header's sections, in order.
    public var navigation: [NavigationEntry] {
        get { storage[NavigationKey.self] ?? [] }
        set { storage[NavigationKey.self] = newValue }
    }
    private struct NavigationKey: StorageKey { typealias Value = [NavigationEntry] }
}
