import Fluent
import KrachtCore
import SQLKit
import Vapor

/// Writes a batch of sign-ups in one transaction: uses up their forms, counts them against the per-IP limit,
/// stores the new signatures with their confirmation mail, and handles addresses that
/// signed before (one living signature per mailbox).
struct SignatureWrite: Sendable {
    let app: Application

    func write(_ requests: [SignatureBatcher.Request]) async throws -> [SignManifesto.Outcome] {
        let settings = app.signing
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            var outcomes = [SignManifesto.Outcome?](repeating: nil, count: requests.count)

            // One served form, one sign-up: a replayed form (a double click, a bot) is answered
            // as the form it already was, and counts against nothing.
            var usedForms = try await FormTokenUses.used(Array(Set(requests.map(\.formTokenHash))), on: db)
            for index in requests.indices where !usedForms.insert(requests[index].formTokenHash).inserted {
                outcomes[index] = .alreadyHandled
            }

            // Per-IP limit: one counter update per address in the batch.
            let byIP = Dictionary(grouping: requests.indices.filter { outcomes[$0] == nil }, by: { requests[$0].ipHash })
            for (ip, indices) in byIP {
                let total = try await Self.perIP(settings).hits(ip, count: indices.count, now: now, on: db)
                let allowed = max(0, indices.count - max(0, total - settings.limitPerIP))
                for index in indices.dropFirst(allowed) { outcomes[index] = .rateLimited }
            }
            // A refused form stays usable: the person may send it again later.
            let accepted = requests.indices.filter { outcomes[$0] == nil }
            try await FormTokenUses.record(accepted.map { requests[$0].formTokenHash }, now: now, on: db)

            // One living signature per mailbox: earlier signatures, and repeats within this batch.
            let canonicals = accepted.map { requests[$0].canonical }
            let existing = try await Self.living(mailboxes: Array(Set(canonicals)), on: db)
            var taken = Set(existing.compactMap(\.emailCanonical))
            var fresh: [SignatureBatcher.Request] = []
            for index in accepted {
                outcomes[index] = .checkYourMail
                guard taken.insert(requests[index].canonical).inserted else { continue }
                fresh.append(requests[index])
            }
            try await Self.insert(fresh, on: db)
            try await PendingMail.insert(fresh.map(\.mail), now: now, on: db)
            for signature in existing {
                let request = requests.first { $0.canonical == signature.emailCanonical }
                try await remind(signature, language: request?.language ?? .nl, now: now, settings: settings, on: db)
            }
            return outcomes.map { $0 ?? .checkYourMail }
        }
    }

    /// New signatures in one INSERT, built from plain values (model reflection per row was a
    /// fifth of a sign-up's cost under load).
    static func insert(_ requests: [SignatureBatcher.Request], on db: any Database) async throws {
        guard !requests.isEmpty else { return }
        var insert = db.sql.insert(into: Signature.schema).columns(
            "id", "created_at", "version_number", "name", "email", "email_canonical", "email_domain", "district", "postcode",
            "show_name", "newsletter", "campaign", "source", "status", "token_hash", "ip_hash", "last_mail_at",
            "volunteer_interest")
        for request in requests {
            let form = request.signature
            insert = insert.values(
                [
                    UUID(), request.createdAt, request.version, form.name, form.email, request.canonical,
                    form.email.split(separator: "@").last.map(String.init), form.district, form.postcode, form.showName,
                    form.newsletter, form.campaign, Signature.Source.online.rawValue, Signature.Status.pending.rawValue,
                    request.tokenHash, request.ipHash, request.createdAt, false,
                ] as [any Encodable & Sendable])
        }
        try await insert.run()
    }

    /// The living signatures of these mailboxes. The statuses are written out literally: only
    /// then can SQLite use the partial unique index, whose condition they must match; with
    /// bound values, and no statistics, its planner walks every pending signature instead.
    static func living(mailboxes: [String], on db: any Database) async throws -> [Signature] {
        guard !mailboxes.isEmpty else { return [] }
        let ids = try await db.sql.select().column("id").from(Signature.schema)
            .where(SQLIdentifier("email_canonical"), .in, mailboxes)
            .where(SQLRaw("status IN ('pending', 'confirmed')"))
            .all().map { try $0.decode(column: "id", as: UUID.self) }
        return ids.isEmpty ? [] : try await Signature.query(on: db).filter(\.$id ~~ ids).all()
    }

    static func perIP(_ settings: SigningSettings) -> RateLimiter {
        RateLimiter(name: "sign-ip", limit: settings.limitPerIP, window: 3600)
    }

    /// At most this many reminders per address per day, however many people type it in.
    static func perAddress(_ settings: SigningSettings) -> RateLimiter {
        RateLimiter(name: "sign-mail", limit: settings.remindersPerAddressPerDay, window: 86400)
    }

    /// Someone signed again with an address that already signed: mail a further link if it is
    /// still pending, or say kindly that they signed before — at most once per few minutes and
    /// a few times a day per address, so nobody can use the form to flood someone's mailbox.
    private func remind(_ signature: Signature, language: Language, now: Date, settings: SigningSettings, on db: any Database) async throws
    {
        guard let email = signature.email, let canonical = signature.emailCanonical,
            (signature.lastMailAt ?? .distantPast) < now.addingTimeInterval(-settings.resendAfterSeconds),
            try await Self.perAddress(settings).hit(SecureToken.hash(canonical), now: now, on: db)
        else { return }
        guard let id = signature.id else { return }
        let secret = SecureToken.make()
        let confirmed = signature.status == Signature.Status.confirmed.rawValue
        // A link of its own, beside the earlier mails' links, which keep working.
        try await SignatureLinks.add(
            signatureID: id, tokenHash: SecureToken.hash(secret), purpose: confirmed ? .alreadySigned : .confirm, now: now, on: db)
        signature.lastMailAt = now
        // A pending sign-up starts again: the new link gets the whole confirmation period.
        if !confirmed { signature.createdAt = now }
        try await signature.save(on: db)
        try await app.mailer.enqueue(
            to: email, language: language,
            subjectKey: confirmed ? "manifesto.mail.already.subject" : "manifesto.mail.confirm.subject",
            view: confirmed ? "manifesto/mail-already" : "manifesto/mail-confirm",
            context: SignManifesto(app: app).links(name: signature.name, secret: secret), on: db)
    }
}
