import Fluent
import KrachtCore
import Vapor

/// A coordinator publishes a new text; earlier versions stay readable with their dates.
/// The form says which version it was written against: if someone published another one in
/// the meantime, this one is not stacked on top unseen, and the coordinator is told so.
struct PublishVersion: Sendable {
    enum Outcome: Sendable, Equatable {
        case published(Int)
        /// Someone else published this version a moment ago; nothing was stored.
        case publishedMeanwhile(Int)
        case invalid
    }

    let app: Application

    func run(by coordinator: User, basedOn: Int?, titleNL: String?, titleEN: String?, bodyNL: String?, bodyEN: String?) async throws
        -> Outcome
    {
        let checks = [
            TextField.check(titleNL, maxLength: 200), TextField.check(titleEN, maxLength: 200),
            TextField.check(bodyNL, maxLength: 20_000, singleLine: false),
            TextField.check(bodyEN, maxLength: 20_000, singleLine: false),
        ]
        guard checks.allSatisfy({ $0.1 == nil }) else { return .invalid }
        let outcome: Outcome
        do {
            outcome = try await app.db.writeTransaction { db in
                let current = try await ManifestoVersion.query(on: db).max(\.$number) ?? 0
                if let basedOn, basedOn != current { return .publishedMeanwhile(current) }
                let next = current + 1
                try await ManifestoVersion(
                    number: next, titleNL: checks[0].0, titleEN: checks[1].0, bodyNL: checks[2].0,
                    bodyEN: checks[3].0, publishedByID: coordinator.id
                ).create(on: db)
                try await AuditEvent.record("manifesto.publish", subject: "version:\(next)", by: coordinator.id, on: db)
                return .published(next)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two at once on PostgreSQL: both read the same latest number, and the unique index
            // on `number` lets only the first one in. This one came second.
            let current = try await ManifestoVersion.query(on: app.db).max(\.$number) ?? 0
            outcome = .publishedMeanwhile(current)
        }
        app.manifestoVersions.clear()
        return outcome
    }
}
