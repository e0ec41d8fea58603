import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Communication

/// Subscribers and mailings for the mailing tests, written as the list keeps them.
enum MailingFixture {
    @discardableResult
    static func subscriber(
        _ email: String, districts: [String] = [], domains: [String] = [], status: NewsletterSubscriber.Status = .confirmed,
        language: Language = .nl, bounced: Bool = false, app: Application
    ) async throws -> NewsletterSubscriber {
        let row = NewsletterSubscriber()
        row.email = email
        row.mailbox = EmailAddress.canonicalMailbox(email)
        row.language = language.rawValue
        row.districts = districts
        row.domains = domains
        row.status = status
        row.createdAt = app.clock.now()
        row.confirmedAt = status == .confirmed ? app.clock.now() : nil
        row.bouncedAt = bounced ? app.clock.now() : nil
        row.source = NewsletterSubscriber.Source.fill.rawValue
        try await row.create(on: app.db)
        return row
    }

    static func coordinator(_ app: Application) async throws -> User {
        try await app.makeUser(name: "Coördinator", email: "coordinator@example.nl", roles: [.coordinator])
    }

    static func mailing(
        subject: String = "Nieuws uit de buurt", body: String = "Hallo **buren**, lees [het plan](/plannen).", districts: [String] = [],
        domains: [String] = [], by user: User, app: Application
    ) async throws -> UUID {
        var pairs: [(name: String, value: String)] = [("subject", subject), ("body", body)]
        pairs += districts.map { ("district", $0) }
        pairs += domains.map { ("domain", $0) }
        let fields = FormFields(pairs)
        let outcome = try await SaveMailing(app: app).run(MailingForm(fields: fields), id: nil, by: user, t: { $0 })
        guard case .saved(let id) = outcome else { throw "not saved: \(outcome)" }
        return id
    }

    /// A mailing written and sent to a segment that reaches `count` subscribers, as confirmed.
    static func started(
        subject: String = "Nieuws uit de buurt", body: String = "Hallo **buren**, lees [het plan](/plannen).", districts: [String] = [],
        by user: User, reaching count: Int, app: Application
    ) async throws -> UUID {
        let id = try await mailing(subject: subject, body: body, districts: districts, by: user, app: app)
        let outcome = try await SendMailing(app: app).run(id: id, expected: count, by: user)
        guard outcome == .started(recipients: count) else { throw "not started: \(outcome)" }
        return id
    }

    /// Runs the background work until nothing is due: the sending jobs and the outbox.
    static func drain(_ app: Application) async throws {
        for _ in 0..<50 {
            try await JobWorker(app: app).runDue()
            try await app.deliverMail()
            let queued = try await Job.query(on: app.db).filter(\.$status == Job.Status.queued.rawValue).count()
            if queued == 0 { return }
            app.clock.advance(by: 10)
        }
    }
}

/// `XCTUnwrap` for an async value (an `await` cannot go in its autoclosure).
func unwrapped<T>(_ value: T?, file: StaticString = #filePath, line: UInt = #line) throws -> T {
    try XCTUnwrap(value, file: file, line: line)
}
