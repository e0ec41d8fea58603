import Fluent
import KrachtCore
import Vapor

/// `kracht serve`: migrates the database, then serves HTTP with the background worker
/// (jobs, scheduled jobs, mail) running inside the same process.
struct ServeWithWorkerCommand: AsyncCommand {
    typealias Signature = ServeCommand.Signature
    var help: String { "Migrates the database and serves Kracht with its background worker." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        if app.config.workerEnabled {
            let worker = BackgroundWorker()
            app.lifecycle.use(worker)
            worker.start(app)
        }
        try await app.servers.asyncCommand.run(using: context, signature: signature)
    }
}
