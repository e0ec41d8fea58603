import Fluent
import Vapor

/// Runs due jobs and enqueues scheduled ones.
public struct JobWorker: Sendable {
    let app: Application

    public init(app: Application) { self.app = app }

    private var definitions: [String: JobDefinition] {
        Dictionary(app.features.flatMap { $0.jobs() }.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Claims and runs what is due; returns how many jobs succeeded.
    @discardableResult
    public func runDue(limit: Int = 10) async throws -> Int {
        let ids = try await Claim.claim(
            table: Job.schema, where: "status = 'queued' AND next_attempt_at <= ", now: app.clock.now(),
            lease: 600, limit: limit, by: app.instanceID, on: app.db)
        let definitions = self.definitions
        var succeeded = 0
        for id in ids {
            guard let job = try await Job.find(id, on: app.db) else { continue }
            do {
                guard let definition = definitions[job.kind] else { throw "no job definition for \(job.kind)" }
                try await definition.run(app, job.payload)
                job.status = Job.Status.done.rawValue
                job.finishedAt = app.clock.now()
                succeeded += 1
            } catch {
                job.attempts += 1
                job.lastError = String(String(describing: error).prefix(500))
                if job.attempts >= job.maxAttempts {
                    job.status = Job.Status.failed.rawValue
                    job.finishedAt = app.clock.now()
                    app.logger.error("job failed for good", metadata: ["kind": .string(job.kind), "error": .string(job.lastError ?? "")])
                } else {
                    job.nextAttemptAt = app.clock.now().addingTimeInterval(RetryPolicy.jobs.delay(afterAttempt: job.attempts))
                }
            }
            job.lockedUntil = nil
            job.lockedBy = nil
            try await job.save(on: app.db)
        }
        return succeeded
    }

    /// Enqueues today's run of each scheduled job once its hour has come. The unique key
    /// makes this safe to call from every instance on every tick.
    public func enqueueScheduled() async throws {
        let now = app.clock.now()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let day = calendar.dateComponents([.year, .month, .day, .hour], from: now)
        for scheduled in app.features.flatMap({ $0.scheduledJobs() }) where (day.hour ?? 0) >= scheduled.hour {
            let key = String(format: "%@@%04d-%02d-%02d", scheduled.kind, day.year ?? 0, day.month ?? 0, day.day ?? 0)
            try await JobQueue.enqueue(scheduled.kind, runAt: now, uniqueKey: key, on: app.db)
        }
    }

    /// Finished jobs are removed after a month.
    static func purge(before: Date, on db: any Database) async throws {
        try await Job.query(on: db).filter(\.$status != Job.Status.queued.rawValue).filter(\.$finishedAt < before).delete()
    }
}
