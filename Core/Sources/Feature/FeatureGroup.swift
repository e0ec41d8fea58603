import Fluent
import Vapor

/// A feature made of parts that each behave as a feature of their own (the newsletter, the
/// mailings, the stories, the campaigns of `Communication`): one registration, one folder of
/// views and texts, and each part's migrations, routes, indicators, data and demo, in order.
/// A person's export holds each part's data under the part's name.
public protocol FeatureGroup: Feature {
    var parts: [any Feature] { get }
}

extension FeatureGroup {
    public func navigation() -> [NavigationEntry] { parts.flatMap { $0.navigation() } }
    public func migrations() -> [any Migration] { parts.flatMap { $0.migrations() } }
    public func routes(_ routes: any RoutesBuilder, app: Application) throws {
        for part in parts { try part.routes(routes, app: app) }
    }
    public func indicators() -> [Indicator] { parts.flatMap { $0.indicators() } }
    public func callsToAction() -> [CallToAction] { parts.flatMap { $0.callsToAction() } }
    public func homeFeeds() -> [HomeFeed] { parts.flatMap { $0.homeFeeds() } }
    public func jobs() -> [JobDefinition] { parts.flatMap { $0.jobs() } }
    public func scheduledJobs() -> [ScheduledJob] { parts.flatMap { $0.scheduledJobs() } }
    public func openAPIPaths() -> [String: JSONValue] {
        parts.reduce(into: [:]) { paths, part in paths.merge(part.openAPIPaths()) { a, _ in a } }
    }
    public func exportData(of user: User, app: Application) async throws -> JSONValue? {
        var data: [String: JSONValue] = [:]
        for part in parts { data[part.name] = try await part.exportData(of: user, app: app) }
        return data.isEmpty ? nil : .object(data)
    }
    public func eraseData(of user: User, app: Application, on db: any Database) async throws {
        for part in parts { try await part.eraseData(of: user, app: app, on: db) }
    }
    public func purgeExpired(now: Date, app: Application) async throws {
        for part in parts { try await part.purgeExpired(now: now, app: app) }
    }
    public func seedDemo(app: Application, people: DemoPeople) async throws {
        for part in parts { try await part.seedDemo(app: app, people: people) }
    }
    public func verify(app: Application) async throws -> [String] {
        var problems: [String] = []
        for part in parts { problems += try await part.verify(app: app) }
        return problems
    }
    public func commands() -> [String: any AnyAsyncCommand] {
        parts.reduce(into: [:]) { commands, part in commands.merge(part.commands()) { a, _ in a } }
    }
    public func activeOrganiserQueries() -> [String] { parts.flatMap { $0.activeOrganiserQueries() } }
    public func reachedPeopleQueries() -> [String] { parts.flatMap { $0.reachedPeopleQueries() } }
    public func annualReport(year: Int, app: Application) async throws -> [ReportSection] {
        var sections: [ReportSection] = []
        for part in parts { sections += try await part.annualReport(year: year, app: app) }
        return sections
    }
    public func audiences() -> [Audience] { parts.flatMap { $0.audiences() } }
    public func referrals() -> [Referral] { parts.flatMap { $0.referrals() } }
    public func weeklySeries() -> [WeeklySeries] { parts.flatMap { $0.weeklySeries() } }
    public func mailBounced(recipient: String, view: String, app: Application) async throws {
        for part in parts { try await part.mailBounced(recipient: recipient, view: view, app: app) }
    }
}
