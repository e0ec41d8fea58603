import Fluent
import KrachtCore
import Vapor

/// Mailings: written in Markdown by a coordinator, sent to a segment of the list through the
/// outbox at a throttled rate that survives a restart without sending anyone a copy twice.
struct Mailings: Feature {
    let name = "mailings"

    func navigation() -> [NavigationEntry] {
        [NavigationEntry(textKey: "mailings.nav", path: MailingsPath.manage.path, role: .coordinator)]
    }

    func migrations() -> [any Migration] { [CreateMailings()] }

    func routes(_ routes: any RoutesBuilder, app: Application) throws {
        // A mailing's message goes out at most once, even when the server dies mid-send.
        app.atMostOnceMailViews.insert(MailingMessage.view)
        try routes.register(collection: MailingsController())
    }

    func jobs() -> [JobDefinition] { [MailingSender.job()] }

    func commands() -> [String: any AnyAsyncCommand] { ["mailings": MailingsCommand()] }

    func exportData(of user: User, app: Application) async throws -> JSONValue? {
        try await MailingPersonalData.export(of: user, on: app.db)
    }

    func eraseData(of user: User, on db: any Database) async throws { try await MailingPersonalData.erase(of: user, on: db) }

    func purgeExpired(now: Date, app: Application) async throws { try await MailingPersonalData.purge(now: now, on: app.db) }

    func verify(app: Application) async throws -> [String] { try await MailingPersonalData.verify(on: app.db) }

    func seedDemo(app: Application, people: DemoPeople) async throws { try await MailingDemo.seed(app: app, people: people) }
}
