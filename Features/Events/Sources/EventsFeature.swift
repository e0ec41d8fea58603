import Fluent
import KrachtCore
import Vapor

/// Events: the agenda, each district's meetup series, registering (with or without an account)
/// with a waitlist that never overbooks, calendars, the mails around an event, check-in at the
/// door by QR code, attendance, and benefit events for the fund. Registered once in
/// `App/Sources/Kracht.swift`.
public struct EventsFeature: Feature {
    public let name = "events"
    public var viewsDirectory: String? { "Features/Events/Views" }
    public var localesDirectory: String? { "Features/Events/Locales" }

    public init() {}

    public func navigation() -> [NavigationEntry] {
        [
            NavigationEntry(textKey: "events.nav", path: EventsPath.agenda().path),
            NavigationEntry(textKey: "events.refunds.nav", path: EventsPath.refunds.path, role: .treasurer),
        ]
    }

    public func migrations() -> [any Migration] {
        [CreateEventTables(), AddEventOrganiserIndex(), AddTicketRefunds(), AddRegistrationRef()]
    }

    public func routes(_ routes: any RoutesBuilder, app: Application) throws {
        try routes.register(collection: EventPagesController())
        try routes.register(collection: EventAdminController())
        try routes.register(collection: SeriesController())
        try routes.register(collection: RegistrationController())
        try routes.register(collection: CalendarController())
        try routes.register(collection: CheckInController())
        try routes.register(collection: TicketController(app: app))
        try routes.register(collection: RefundsController())
        try routes.register(collection: EventsAPIController())
    }

    /// Attendance, and the plan's "subscribers or attendees".
    public func indicators() -> [Indicator] { EventIndicators.all }
    public func annualReport(year: Int, app: Application) async throws -> [ReportSection] {
        try await EventsAnnualReport.sections(year: year, app: app)
    }

    /// People with a confirmed place or who came, for "subscribers or attendees".
    public func reachedPeopleQueries() -> [String] { [EventIndicators.reachedPeopleQuery] }

    public func callsToAction() -> [CallToAction] { EventIndicators.callsToAction }

    public func referrals() -> [Referral] { EventReferrals.all }
    public func audiences() -> [Audience] { EventAudiences.all }

    public func jobs() -> [JobDefinition] { EventJobs.definitions }

    public func scheduledJobs() -> [ScheduledJob] { EventJobs.scheduled }

    /// Relative to /api/v1 (`EventsAPI`).
    public func openAPIPaths() -> [String: JSONValue] { EventsAPI.paths() }

    public func exportData(of user: User, app: Application) async throws -> JSONValue? {
        try await EventsPersonalData.export(of: user, on: app.db)
    }

    public func eraseData(of user: User, app: Application, on db: any Database) async throws {
        try await EventsPersonalData.erase(of: user, app: app, on: db)
    }

    public func purgeExpired(now: Date, app: Application) async throws {
        try await EventsRetention.purge(now: now, on: app.db)
    }

    /// The counters of every event against its registrations; each paid ticket booked once.
    public func verify(app: Application) async throws -> [String] {
        try await EventsVerify.problems(on: app.db, now: app.clock.now()) + TicketVerify.problems(on: app.db)
    }

    /// The launch (past, with attendance), the benefit evening, an action day and monthly
    /// meetups in all eight districts.
    public func seedDemo(app: Application, people: DemoPeople) async throws {
        try await EventsDemo.seed(app: app, people: people)
    }

    public func commands() -> [String: any AnyAsyncCommand] { ["events": EventsCommand()] }
}
