import Vapor

/// The core's pages and actions: the site-wide pages, accounts, the admin's roles page and ops.
public enum CorePath: SitePath {
    // site
    case home, privacy, contact, about, openData
    case language(Parameter<String>)
    // accounts
    case register, checkMail
    case confirmEmail(Parameter<String>), confirmEmailChange(Parameter<String>), undoEmailChange(Parameter<String>)
    case logIn(returnTo: String? = nil), logOut
    case forgotPassword, resetPassword(Parameter<String>)
    // a signed-in person's own page
    case account, changeName, changeEmail, changePassword, changeLanguage, accountData, deleteAccount
    // staff
    /// `changed`: the person and role just changed, which the page then names (issue #8, item 10).
    case adminRoles(search: String = "", page: Int = 1, changed: (person: UUID, role: Role)? = nil)
    // ops and open data
    case health, metrics, api(String)

    public var components: [PathComponent] {
        switch self {
        case .home: []
        case .privacy: ["privacy"]
        case .contact: ["contact"]
        case .about: ["over-ons"]
        case .openData: ["open-data"]
        case .language(let code): ["taal", code.component("code")]
        case .register: ["account", "registreren"]
        case .checkMail: ["account", "controleer-mail"]
        case .confirmEmail(let token): ["account", "bevestigen", token.component("token")]
        case .confirmEmailChange(let token): ["account", "email-bevestigen", token.component("token")]
        case .undoEmailChange(let token): ["account", "email-terugzetten", token.component("token")]
        case .logIn: ["account", "inloggen"]
        case .logOut: ["account", "uitloggen"]
        case .forgotPassword: ["account", "wachtwoord-vergeten"]
        case .resetPassword(let token): ["account", "wachtwoord-herstellen", token.component("token")]
        case .account: ["account"]
        case .changeName: ["account", "naam"]
        case .changeEmail: ["account", "email"]
        case .changePassword: ["account", "wachtwoord"]
        case .changeLanguage: ["account", "taal"]
        case .accountData: ["account", "gegevens"]
        case .deleteAccount: ["account", "verwijderen"]
        case .adminRoles: ["beheer", "rollen"]
        case .health: ["health"]
        case .metrics: ["metrics"]
        case .api(let name): ["api", "v1", .constant(name)]
        }
    }

    public var query: [(String, String)] {
        switch self {
        case .logIn(let returnTo?) where returnTo != "/": [("terug", returnTo)]
        case .adminRoles(let search, let page, let changed):
            (search.isEmpty ? [] : [("zoek", search)]) + (page > 1 ? [("pagina", String(page))] : [])
                + (changed.map { [("persoon", $0.person.uuidString), ("rol", $0.role.rawValue)] } ?? [])
        default: []
        }
    }
}
