import Fluent
import Vapor

/// A feature plugs into Kracht through this one registration: its migrations, routes,
/// the indicators, calls to action and feeds it contributes to the home page and dashboard, its jobs, its part
/// of a person's data (export and erasure) and its demo content.
public protocol Feature: Sendable {
    var name: String { get }
    /// Folder of this feature's Leaf views, relative to the package root.
    var viewsDirectory: String? { get }
    /// Folder of this feature's texts (`<lang>.json`, one per language), relative to the package root.
    var localesDirectory: String? { get }
    /// Sections this feature adds to the site's header.
    func navigation() -> [NavigationEntry]
    func migrations() -> [any Migration]
    func routes(_ routes: any RoutesBuilder, app: Application) throws
    func indicators() -> [Indicator]
    /// What this feature asks people to do, as buttons on the home page.
    func callsToAction() -> [CallToAction]
    /// What just happened in this feature, for the home page.
    func homeFeeds() -> [HomeFeed]
    func jobs() -> [JobDefinition]
    func scheduledJobs() -> [ScheduledJob]
    func openAPIPaths() -> [String: JSONValue]
    /// What this feature holds on a person, for the data export (sealed fields opened with `app.sealer`).
    func exportData(of user: User, app: Application) async throws -> JSONValue?
    /// Erase or anonymise what this feature holds on a person; runs inside the deletion transaction.
    func eraseData(of user: User, on db: any Database) async throws
    /// The same with the application at hand (its clock, its mailer), for erasures that change
    /// more than the person's own rows; by default `eraseData(of:on:)`.
    func eraseData(of user: User, app: Application, on db: any Database) async throws
    /// Delete what has passed its retention period (rows, and files in the data folder); runs in
    /// the daily purge job.
    func purgeExpired(now: Date, app: Application) async throws
    /// Fill an empty database with demo content.
    func seedDemo(app: Application, people: DemoPeople) async throws
    /// Checks of this feature's own invariants (maintained counters against their tables);
    /// each problem found is one line. Run by `kracht verify`.
    func verify(app: Application) async throws -> [String]
    /// Extra `kracht` subcommands, by name.
    func commands() -> [String: any AnyAsyncCommand]
    /// SQL selects of one column, `user_id`, of the people this feature counts as actively
    /// organising the movement (the plan's "actively involved", target 25): `ActiveOrganisers`
    /// counts each person once over every feature.
    func activeOrganiserQueries() -> [String]
    /// SQL selects of one column, `mailbox` (`EmailAddress.canonicalMailbox`), of the people this
    /// feature has reached (subscribed, registered, came): the plan's "subscribers or attendees"
    /// (target 1,000) counts each mailbox once over every feature (`ReachedPeople`).
    func reachedPeopleQueries() -> [String]
    /// This feature's part of the annual report of `year` (figures and items of that year).
    func annualReport(year: Int, app: Application) async throws -> [ReportSection]
    /// Groups of people this feature knows, for newsletter segments.
    func audiences() -> [Audience]
    /// What this feature counts per campaign `ref` code.
    func referrals() -> [Referral]
    /// Counts per week for the dashboard.
    func weeklySeries() -> [WeeklySeries]
    /// The outbox gave up on a message to `recipient` for good (SMTP 5xx): a list keeper marks
    /// the address. Called once per failed message, outside any transaction.
    func mailBounced(recipient: String, view: String, app: Application) async throws
}

extension Feature {
    public var viewsDirectory: String? { nil }
    public var localesDirectory: String? { nil }
    public func navigation() -> [NavigationEntry] { [] }
    public func migrations() -> [any Migration] { [] }
    public func indicators() -> [Indicator] { [] }
    public func callsToAction() -> [CallToAction] { [] }
    public func homeFeeds() -> [HomeFeed] { [] }
    public func jobs() -> [JobDefinition] { [] }
    public func scheduledJobs() -> [ScheduledJob] { [] }
    public func openAPIPaths() -> [String: JSONValue] { [:] }
    public func exportData(of user: User, app: Application) async throws -> JSONValue? { nil }
    public func eraseData(of user: User, on db: any Database) async throws {}
    public func eraseData(of user: User, app: Application, on db: any Database) async throws {
        try await eraseData(of: user, on: db)
    }
    public func purgeExpired(now: Date, app: Application) async throws {}
    public func seedDemo(app: Application, people: DemoPeople) async throws {}
    public func verify(app: Application) async throws -> [String] { [] }
    public func commands() -> [String: any AnyAsyncCommand] { [:] }
    public func activeOrganiserQueries() -> [String] { [] }
    public func reachedPeopleQueries() -> [String] { [] }
    public func annualReport(year: Int, app: Application) async throws -> [ReportSection] { [] }
    public func audiences() -> [Audience] { [] }
    public func referrals() -> [Referral] { [] }
    public func weeklySeries() -> [WeeklySeries] { [] }
    public func mailBounced(recipient: String, view: String, app: Application) async throws {}
}

/// The demo's people, created by the core, handed to each feature's demo seeding: one
/// account per role, so every page can be tried, and residents without a role.
public struct DemoPeople: Sendable {
    /// The password of every demo account (also in the README).
    public static let password = "kracht-demo-2026"

    public var admin: User
    public var coordinator: User
    public var treasurer: User
    public var fundCommittee: User
    public var initiator: User
    public var referrer: User
    public var residents: [User]

    public init(
        admin: User, coordinator: User, treasurer: User, fundCommittee: User, initiator: User, referrer: User, residents: [User]
    ) {
        self.admin = admin
        self.coordinator = coordinator
        self.treasurer = treasurer
        self.fundCommittee = fundCommittee
        self.initiator = initiator
        self.referrer = referrer
        self.residents = residents
    }

    /// Name, login (`<login>@demo.krachtvanmokum.nl`) and role of each account with a role.
    public static let staff: [(name: String, login: String, role: Role)] = [
        ("Mila Hoekstra", "admin", .admin), ("Youssef Benali", "coordinator", .coordinator),
        ("Bram van Dijk", "penningmeester", .treasurer), ("Ingrid Kok", "fonds", .fundCommittee),
        ("Esra Demir", "initiatief", .initiator), ("Anouk Verhoef", "verwijzer", .referrer),
    ]
    public static let residentNames: [(name: String, login: String)] = [
        ("Fatima El Amrani", "fatima"), ("Daan de Vries", "daan"), ("Sanne Bakker", "sanne"), ("Mehmet Yilmaz", "mehmet"),
        ("Priya Ramdin", "priya"), ("Joris Visser", "joris"), ("Ayaan Osman", "ayaan"), ("Noa Cohen", "noa"),
        ("Kwame Mensah", "kwame"), ("Lotte Jansen", "lotte"),
    ]

    /// Creates every demo account, confirmed, with the demo password.
    public static func create(app: Application) async throws -> DemoPeople {
        func make(_ name: String, _ login: String, _ roles: [Role]) async throws -> User {
            try await Accounts.create(
                app: app, name: name, email: "\(login)@demo.krachtvanmokum.nl", password: password,
                confirmed: true, roles: roles)
        }
        var byRole: [Role: User] = [:]
        for person in staff { byRole[person.role] = try await make(person.name, person.login, [person.role]) }
        var residents: [User] = []
        for person in residentNames { residents.append(try await make(person.name, person.login, [])) }
        return DemoPeople(
            admin: byRole[.admin]!, coordinator: byRole[.coordinator]!, treasurer: byRole[.treasurer]!,
            fundCommittee: byRole[.fundCommittee]!, initiator: byRole[.initiator]!, referrer: byRole[.referrer]!, residents: residents)
    }
}

extension Application {
    public var features: [any Feature] {
        get { storage[FeaturesKey.self] ?? [] }
        set { storage[FeaturesKey.self] = newValue }
    }
    private struct FeaturesKey: StorageKey { typealias Value = [any Feature] }
}
