import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// The mailings' data duties. A mailing is the movement's, not a person's: what it holds on
/// a person is who wrote it (`created_by`) and, through `mailing_recipients`, whose mailbox got
/// it. The recipient rows link people to mailings, so they go once a mailing is long sent (the
/// mailing keeps its counts) and with the person's erasure.
enum MailingPersonalData {
    /// Recipient rows of a mailing are kept this long after it finished (for questions like
    /// "did I get it?"), then removed.
    static let recipientsKept: TimeInterval = 90 * 24 * 3600

    /// The mailings a person wrote as coordinator: subject, status and dates.
    static func export(of user: User, on db: any Database) async throws -> JSONValue? {
        let id = try user.requireID()
        let mailings = try await Mailing.query(on: db).filter(\.$createdBy == id).sort(\.$createdAt).all()
        guard !mailings.isEmpty else { return nil }
        let iso = ISO8601DateFormatter()
        return .array(
            mailings.map { mailing in
                var row: [String: JSONValue] = [
                    "subject": .string(mailing.subject), "status": .string(mailing.status.rawValue),
                    "created_at": .string(iso.string(from: mailing.createdAt)),
                    "updated_at": .string(iso.string(from: mailing.updatedAt)),
                ]
                for (key, date) in [("started_at", mailing.startedAt), ("finished_at", mailing.finishedAt)] {
                    if let date { row[key] = .string(iso.string(from: date)) }
                }
                return .object(row)
            })
    }

    /// The person's mailings stay (they went to the list) without their author; the recipient
    /// rows of their subscription go. The newsletter's erasure runs first (it is the group's
    /// first part) and deletes the subscriber row or keeps it as a hashed suppression entry:
    /// both are matched here, and recipient rows whose subscriber is gone altogether with them
    /// (a queued one could never be handed over and would hold its mailing in `sending`).
    static func erase(of user: User, on db: any Database) async throws {
        let id = try user.requireID()
        try await Mailing.query(on: db).filter(\.$createdBy == id).set(\.$createdBy, to: nil).update()
        let mailbox = EmailAddress.canonicalMailbox(user.email)
        let mailboxes = [mailbox, NewsletterPersonalData.suppressionKey(mailbox)]
        try await db.sql.raw(
            """
            DELETE FROM mailing_recipients
            WHERE subscriber_id IN (SELECT id FROM newsletter_subscribers WHERE mailbox IN (\(binds: mailboxes)))
              OR NOT EXISTS (SELECT 1 FROM newsletter_subscribers s WHERE s.id = mailing_recipients.subscriber_id)
            """
        ).run()
    }

    /// Recipient rows of mailings that finished more than `recipientsKept` ago.
    static func purge(now: Date, on db: any Database) async throws {
        let before = now.addingTimeInterval(-recipientsKept)
        try await db.sql.raw(
            """
            DELETE FROM mailing_recipients WHERE mailing_id IN
              (SELECT id FROM mailings WHERE status = 'sent' AND finished_at < \(bind: before))
            """
        ).run()
    }

    static func verify(on db: any Database) async throws -> [String] {
        var problems: [String] = []
        struct Row: Decodable {
            let subject: String
            let n: Int64
        }
        let over = try await db.sql.raw(
            """
            SELECT m.subject AS subject, COUNT(r.id) AS n FROM mailings m JOIN mailing_recipients r ON r.mailing_id = m.id
            GROUP BY m.id, m.subject, m.total HAVING COUNT(r.id) > m.total
            """
        ).all(decoding: Row.self)
        for row in over { problems.append("mailings: \"\(row.subject)\" has \(row.n) recipients, more than its snapshot count") }
        let waiting = try await db.sql.raw(
            """
            SELECT m.subject AS subject, COUNT(r.id) AS n FROM mailings m JOIN mailing_recipients r ON r.mailing_id = m.id
            WHERE m.status = 'sent' AND r.status = 'queued' GROUP BY m.id, m.subject
            """
        ).all(decoding: Row.self)
        for row in waiting { problems.append("mailings: \"\(row.subject)\" is sent but \(row.n) recipients are still queued") }
        let drafts = try await db.sql.raw(
            """
            SELECT m.subject AS subject, COUNT(r.id) AS n FROM mailings m JOIN mailing_recipients r ON r.mailing_id = m.id
            WHERE m.status = 'draft' GROUP BY m.id, m.subject
            """
        ).all(decoding: Row.self)
        for row in drafts { problems.append("mailings: the draft \"\(row.subject)\" has \(row.n) recipients") }
        return problems
    }
}

/// Demo: one mailing sent to the whole list a week and a half ago (in the public archive) and
/// one draft for a segment, both by the demo coordinator.
enum MailingDemo {
    static func seed(app: Application, people: DemoPeople) async throws {
        guard try await Mailing.query(on: app.db).count() == 0 else { return }
        let now = app.clock.now()
        let confirmed = try await NewsletterSubscriber.query(on: app.db).filter(\.$status == .confirmed).filter(\.$bouncedAt == nil)
            .count()
        let districts = Set(app.reference.districts.map(\.slug)), domains = Set(app.reference.domains.map(\.slug))

        let sent = Mailing()
        sent.subject = "Nieuws van Kracht: de eerste honderd dagen"
        sent.body = """
            Beste buren,

            In honderd dagen zijn er in **elf stadsdelen** bewonersinitiatieven gestart: van een \
            moestuin op het Bijlmerplein tot een huiswerkklas in de Indische Buurt. Dank aan iedereen \
            die meedeed.

            ## Wat komt er aan

            - Op zaterdag 12 december houden we een buurtontbijt in het Oosterpark.
            - Het Solidariteitsfonds heeft een nieuwe ronde: aanvragen kan tot eind januari.
            - Het plan voor 2027 ligt ter inzage. Lees [het plan](/plannen) en laat weten wat je ervan vindt.

            Tot snel in de buurt!
            """
        sent.districts = []
        sent.domains = []
        sent.audiences = []
        sent.status = .sent
        sent.createdBy = people.coordinator.id
        sent.createdAt = now.addingTimeInterval(-12 * 24 * 3600)
        sent.updatedAt = now.addingTimeInterval(-11 * 24 * 3600)
        sent.startedAt = now.addingTimeInterval(-10 * 24 * 3600)
        sent.finishedAt = now.addingTimeInterval(-10 * 24 * 3600 + 240)
        (sent.total, sent.sentCount, sent.failedCount) = (confirmed, confirmed, 0)

        let draft = Mailing()
        draft.subject = "Groen in Nieuw-West en Oost: doe mee met de plantdag"
        draft.body = """
            Hallo,

            Op zondag 10 januari planten we samen met de gemeente vijftig bomen langs de Sloterplas \
            en in het Flevopark. Neem handschoenen mee; voor koffie en soep wordt gezorgd.

            Aanmelden kan via [de agenda](/evenementen).
            """
        draft.districts = ["nieuw-west", "oost"].filter(districts.contains)
        draft.domains = ["groen", "duurzaamheid"].filter(domains.contains)
        draft.audiences = []
        draft.status = .draft
        draft.createdBy = people.coordinator.id
        draft.createdAt = now.addingTimeInterval(-2 * 24 * 3600)
        draft.updatedAt = now.addingTimeInterval(-1 * 24 * 3600)
        (draft.total, draft.sentCount, draft.failedCount) = (0, 0, 0)

        try await app.db.transaction { tx in
            try await sent.save(on: tx)
            try await draft.save(on: tx)
        }
    }
}
