import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// Creates or changes a draft (`id` nil: a new one), audited.
struct SaveMailing {
    enum Outcome: Equatable {
        case saved(UUID)
        case invalid(FormErrors)
        /// Sending started: the mailing cannot change any more.
        case notDraft
        case notFound
    }

    let app: Application

    func run(_ form: MailingForm, id: UUID?, by user: User, t: (String) -> String) async throws -> Outcome {
        let problems = form.problems(app: app)
        guard problems.isEmpty else {
            var errors = FormErrors()
            for (field, key) in problems { errors.add(field, t(key)) }
            return .invalid(errors)
        }
        return try await app.db.transaction { tx in
            let now = app.clock.now()
            let mailing: Mailing
            if let id {
                guard let found = try await Mailing.find(id, on: tx) else { return .notFound }
                guard found.status == .draft else { return .notDraft }
                mailing = found
            } else {
                mailing = Mailing()
                mailing.createdAt = now
                mailing.createdBy = user.id
                mailing.status = .draft
                (mailing.total, mailing.sentCount, mailing.failedCount) = (0, 0, 0)
            }
            mailing.subject = form.subject
            mailing.body = form.body
            mailing.districts = form.districts
            mailing.domains = form.domains
            mailing.audiences = form.audiences
            mailing.updatedAt = now
            try await mailing.save(on: tx)
            let saved = try mailing.requireID()
            try await AuditEvent.record(id == nil ? "mailing.create" : "mailing.edit", subject: "mailing:\(saved)", by: user.id, on: tx)
            return .saved(saved)
        }
    }
}

/// Starts sending a draft: in ONE transaction its status becomes `sending`, the segment's
/// subscribers are snapshot into `mailing_recipients`, and the first `MailingSender` step is
/// enqueued. `expected`: the count the coordinator confirmed, always required; a segment that
/// changed since is shown again rather than sent.
struct SendMailing {
    enum Outcome: Equatable {
        case started(recipients: Int)
        case notDraft
        case notFound
        /// The segment reaches nobody: nothing to send.
        case nobody
        /// The segment's count changed since the confirmation page: confirm again.
        case countChanged(now: Int)
    }

    let app: Application

    func run(id: UUID, expected: Int, by user: User) async throws -> Outcome {
        do {
            return try await attempt(id: id, expected: expected, by: user)
        } catch Refused.nobody {
            return .nobody
        } catch Refused.countChanged(let now) {
            return .countChanged(now: now)
        }
    }

    /// Undoes the claim of the draft with the rest of the transaction.
    private enum Refused: Error { case nobody, countChanged(Int) }

    private func attempt(id: UUID, expected: Int, by user: User) async throws -> Outcome {
        try await app.db.transaction { tx in
            guard let mailing = try await Mailing.find(id, on: tx) else { return .notFound }
            // Claims the draft: a second click, or a second coordinator at once, finds it taken.
            let claimed = try await tx.sql.raw(
                "UPDATE mailings SET status = 'sending' WHERE id = \(bind: id) AND status = 'draft' RETURNING id"
            ).all()
            guard !claimed.isEmpty else { return .notDraft }
            let ids = try await MailingSegment(mailing).subscriberIDs(app: app, on: tx)
            guard !ids.isEmpty else { throw Refused.nobody }
            if expected != ids.count { throw Refused.countChanged(ids.count) }
            for chunk in stride(from: 0, to: ids.count, by: 1000).map({ ids[$0..<min($0 + 1000, ids.count)] }) {
                var insert = tx.sql.insert(into: MailingRecipient.schema).columns("id", "mailing_id", "subscriber_id", "status")
                for subscriber in chunk {
                    insert = insert.values([UUID(), id, subscriber, MailingRecipient.Status.queued.rawValue] as [any Encodable & Sendable])
                }
                try await insert.run()
            }
            let now = app.clock.now()
            mailing.status = .sending
            mailing.total = ids.count
            mailing.startedAt = now
            try await MailingSender.schedule(mailing, at: now, on: tx)
            try await AuditEvent.record(
                "mailing.send", subject: "mailing:\(id)", details: "recipients=\(ids.count)", by: user.id, on: tx)
            return .started(recipients: ids.count)
        }
    }
}

/// The mailing to the coordinator's own address, the subject marked as a test; audited.
struct SendTestMailing {
    enum Outcome: Equatable { case sent(to: String), notFound }

    let app: Application

    func run(id: UUID, to user: User, language: Language) async throws -> Outcome {
        try await app.db.transaction { tx in
            guard let mailing = try await Mailing.find(id, on: tx) else { return .notFound }
            let mail = try MailingMessage(mailing, app: app).composeTest(to: user.email, language: language, app: app)
            try await PendingMail.insert([mail], now: app.clock.now(), on: tx)
            try await AuditEvent.record("mailing.test", subject: "mailing:\(id)", by: user.id, on: tx)
            return .sent(to: user.email)
        }
    }
}
