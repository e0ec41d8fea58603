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
        /// A field is empty or too long: each says which and its limit.
        case invalid(FormErrors)
    }

    let app: Application

    func run(
        by coordinator: User, basedOn: Int?, titleNL: String?, titleEN: String?, bodyNL: String?, bodyEN: String?,
        language: Language = .nl
    ) async throws -> Outcome {
        let fields: [(name: String, value: String?, max: Int, singleLine: Bool)] = [
            ("title_nl", titleNL, 200, true), ("title_en", titleEN, 200, true),
            ("body_nl", bodyNL, 20_000, false), ("body_en", bodyEN, 20_000, false),
        ]
        let checks = fields.map { TextField.check($0.value, maxLength: $0.max, singleLine: $0.singleLine) }
        var errors = FormErrors()
        for (field, check) in zip(fields, checks) {
            if let problem = check.1 {
                errors.add(field.name, TextField.message(for: problem, maxLength: field.max) { app.catalogue.text($0, in: language) })
            }
        }
        guard errors.isEmpty else { return .invalid(errors) }
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
