import Fluent
import KrachtCore
import Vapor

/// `kracht demo`: fills an empty database with a realistic Amsterdam demo — people with
/// roles, and each feature's own demo content.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Fills an empty database with demo content (password for every demo account: \(DemoPeople.password))." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard try await User.query(on: app.db).count() == 0 else {
            throw "The database already has accounts; the demo fills only an empty database."
        }
        let people = try await DemoPeople.create(app: app)
        for feature in app.features { try await feature.seedDemo(app: app, people: people) }
        context.console.success("Demo ready. Log in as admin@demo.krachtvanmokum.nl with password \(DemoPeople.password).")
    }
}
