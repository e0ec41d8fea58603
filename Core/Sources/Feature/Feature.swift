import Fluent
import Vapor

/// A feature plugs into Kracht through this one registration: its migrations, routes,
/// the indicators it contributes to the home page and dashboard, its jobs, its part
/// of a person's data (export and erasure) and its demo content.
public protocol Feature: Sendable {
    var name: String { get }
    /// Folder of this feature's Leaf views, relative to the package root.
    var viewsDirectory: String? { get }
    /// Sections this feature adds to the site's header.
    func navigation() -> [NavigationEntry]
    func migrations() -> [any Migration]
    func routes(_ routes: any RoutesBuilder, app: Application) throws
    func indicators() -> [Indicator]
    func jobs() -> [JobDefinition]
    func scheduledJobs() -> [ScheduledJob]
    func openAPIPaths() -> [String: JSONValue]
    /// What this feature holds on a person, for the data export.
    func exportData(of user: User, on db: any Database) async throws -> JSONValue?
    /// Erase or anonymise what this feature holds on a person; runs inside the deletion transaction.
    func eraseData(of user: User, on db: any Database) async throws
    /// Delete what has passed its retention period; runs in the daily purge job.
    func purgeExpired(now: Date, on db: any Database) async throws
    /// Fill an empty database with demo content.
    func seedDemo(app: Application, people: DemoPeople) async throws
    /// Checks of this feature's own invariants (maintained counters against their tables);
    /// each problem found is one line. Run by `kracht verify`.
    func verify(on db: any Database) async throws -> [String]
    /// Extra `kracht` subcommands, by name.
    func commands() -> [String: any AnyAsyncCommand]
}

extension Feature {
    public var viewsDirectory: String? { nil }
    public func navigation() -> [NavigationEntry] { [] }
    public func migrations() -> [any Migration] { [] }
    public func indicators() -> [Indicator] { [] }
    public func jobs() -> [JobDefinition] { [] }
    public func scheduledJobs() -> [ScheduledJob] { [] }
    public func openAPIPaths() -> [String: JSONValue] { [:] }
    public func exportData(of user: User, on db: any Database) async throws -> JSONValue? { nil }
    public func eraseData(of user: User, on db: any Database) async throws {}
    public func purgeExpired(now: Date, on db: any Database) async throws {}
    public func seedDemo(app: Application, people: DemoPeople) async throws {}
    public func verify(on db: any Database) async throws -> [String] { [] }
    public func commands() -> [String: any AnyAsyncCommand] { [:] }
}

/// The demo's people, created by the core, handed to each feature's demo seeding.
public struct DemoPeople: Sendable {
    public var admin: User
    public var coordinator: User
    public var residents: [User]

    public init(admin: User, coordinator: User, residents: [User]) {
        self.admin = admin
        self.coordinator = coordinator
        self.residents = residents
    }
}

extension Application {
    public var features: [any Feature] {
        get { storage[FeaturesKey.self] ?? [] }
        set { storage[FeaturesKey.self] = newValue }
    }
    private struct FeaturesKey: StorageKey { typealias Value = [any Feature] }
}
