import NIOConcurrencyHelpers
import Vapor

/// The worker inside the server process: every tick it enqueues scheduled jobs, runs due
/// jobs and delivers due mail. It stops with the server.
public final class BackgroundWorker: LifecycleHandler, Sendable {
    private let task: NIOLockedValueBox<Task<Void, Never>?> = .init(nil)

    public init() {}

    public func start(_ app: Application) {
        let interval = app.config.workerInterval
        let jobs = JobWorker(app: app)
        let outbox = OutboxDelivery(app: app, transport: app.mailTransport)
        task.withLockedValue {
            $0 = Task {
                app.logger.info("background worker started", metadata: ["instance": .string(app.instanceID)])
                while !Task.isCancelled {
                    do {
                        try await jobs.enqueueScheduled()
                        while try await jobs.runDue() > 0 {}
                        // Drain the outbox while whole batches go out; a relay that is down stops it.
                        while try await outbox.deliverDue() == OutboxDelivery.batchSize {}
                    } catch {
                        app.logger.error("background worker tick failed", metadata: ["error": .string(String(reflecting: error))])
                    }
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    public func shutdownAsync(_ app: Application) async {
        let running = task.withLockedValue { $0 }
        running?.cancel()
        await running?.value
    }
}
