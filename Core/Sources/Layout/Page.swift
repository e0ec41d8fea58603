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
    /// Links features add to the footer, after Core's own (`Application.footerLinks`).
    public var footer: [NavItem]
}

public struct LanguageChoice: Encodable, Sendable {
    public var code: String
    public var name: String
    public var dir: String
    /// The switch, back to this page with its query (a campaign's `ref` must survive it).
    public var href: String
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
    /// A page that shows a form's `errors` says so first in its title ("Fout: Inloggen"), the
    /// first thing a screen reader reads and the tab a person sees.
    public func render(
        _ view: String, titleKey: String, titleArguments: [String: String] = [:], _ page: some Encodable = NoContent(),
        status: HTTPStatus = .ok, errors: FormErrors? = nil, canonicalPath: String? = nil
    ) async throws -> Response {
        let named = titleArguments.isEmpty ? t(titleKey) : t(titleKey, titleArguments)
        let title = errors.map { !$0.isEmpty } == true ? t("form.error_title", ["title": named]) : named
        let layout = try await layoutContext(title: title, canonicalPath: canonicalPath)
        let rendered = try await self.view.render(view, PageEnvelope(layout: layout, page: page)).get()
        let response = try await rendered.encodeResponse(status: status, for: self)
        Flash.clear(on: response, if: layout.flash != nil)
        return response
    }

    /// `canonicalPath`: the GET page this one shows, for a page that answers a form (the
    /// language switch returns there; the form's POST path may have no page).
    func layoutContext(title: String, canonicalPath: String? = nil) async throws -> LayoutContext {
        let user = auth.get(User.self)
        let roles = try await signedInRoles()
        let path = url.path
        let item = { (entry: NavigationEntry) in
            NavItem(label: self.t(entry.textKey), href: entry.path, current: path == entry.path || path.hasPrefix(entry.path + "/"))
        }
        return LayoutContext(
            lang: language.rawValue,
            dir: t("language.dir"),
            languages: offeredLanguages.filter { $0 != language }.map { other in
                LanguageChoice(
                    code: other.rawValue, name: application.catalogue.text("language.name", in: other),
                    dir: application.catalogue.text("language.dir", in: other),
                    href: CorePath.language(.value(other.rawValue)).path + "?terug="
                        + (returnPath(canonicalPath).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            },
            title: title,
            path: path,
            csrf: csrfToken,
            user: user.map { user in
                SignedInUser(name: user.name, staff: application.navigation.filter { $0.role.map(roles.allow) ?? false }.map(item))
            },
            // The key comes from a cookie: show only what the catalogue knows.
            flash: Flash.key(in: self).flatMap { application.catalogue.has($0) ? t($0) : nil },
            nav: application.navigation.filter { $0.role == nil }.map(item),
            footer: application.footerLinks.map(item)
        )
    }
}

extension Request {
    /// The page to come back to after switching language: this one with its query; for a page
    /// that answers a form, its GET page (given, or the page the form was on, from the
    /// same-origin `Referer`). Too long for a return path: the path alone.
    func returnPath(_ canonical: String?) -> String {
        var full = url.path + (url.query.map { "?" + $0 } ?? "")
        if let canonical {
            full = canonical
        } else if method != .GET && method != .HEAD, let referer = headers.first(name: .referer).flatMap(URLComponents.init(string:)),
            !referer.path.isEmpty
        {
            full = referer.path + (referer.percentEncodedQuery.map { "?" + $0 } ?? "")
        }
        return full.count < 400 ? full : String(full.prefix { $0 != "?" })
    }
}

extension Application {
    /// The header's sections, in order.
    public var navigation: [NavigationEntry] {
        get { storage[NavigationKey.self] ?? [] }
        set { storage[NavigationKey.self] = newValue }
    }
    private struct NavigationKey: StorageKey { typealias Value = [NavigationEntry] }

    /// Pages for everyone that a feature links from every page's footer (the newsletter's
    /// form), in order, after Core's own links; set in the feature's `routes(_:app:)`.
    public var footerLinks: [NavigationEntry] {
        get { storage[FooterLinksKey.self] ?? [] }
        set { storage[FooterLinksKey.self] = newValue }
    }
    private struct FooterLinksKey: StorageKey { typealias Value = [NavigationEntry] }
}
