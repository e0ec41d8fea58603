import Fluent
import Foundation
import KrachtCore
import Vapor

/// A post of the form: double opt-in. Whatever the address's state, the person sees the same
/// "check your mail" page (nobody learns who is on the list); what differs is the mail.
struct Subscribe {
    enum Outcome: Equatable {
        /// New address: pending, confirmation mail sent.
        case pending
        /// Still pending: the confirmation mail again (at most once per `resendAfter`).
        case mailedAgain
        /// Asked again too soon: nothing sent.
        case throttled
        /// Already confirmed: a kind mail with the preferences link.
        case alreadySubscribed
        /// Unsubscribed before: stays off until the new confirmation link is followed.
        case reconfirm
        /// The honeypot was filled: answered like a success, stored nowhere.
        case discarded
        /// Posted faster than a person types, or an old or altered form.
        case tooFast
        /// Too many posts from this address: nothing stored.
        case rateLimited
        case invalid(FormErrors)
    }

    /// How long the confirmation link stays valid.
    static let linkValidity: TimeInterval = 7 * 24 * 3600
    /// A second confirmation mail for the same address waits this long.
    static let resendAfter: TimeInterval = 10 * 60
    static let perIP = RateLimiter(name: "newsletter-ip", limit: 20, window: 3600)
    static let perMailbox = RateLimiter(name: "newsletter-mail", limit: 5, window: 86400)

    let app: Application

    func run(_ form: NewsletterForm, language: Language, rateKey: String, t: (String) -> String) async throws -> Outcome {
        if let honeypot = form.website, !honeypot.isEmpty { return .discarded }
        let now = app.clock.now()
        guard NewsletterFormToken.check(form.formToken, now: now, key: app.config.secretKey) == .ok else { return .tooFast }
        let (checked, errors) = form.check(reference: app.reference, t: t)
        guard let checked else { return .invalid(errors) }
        guard try await Self.perIP.hit(rateKey, now: now, on: app.db) else { return .rateLimited }
        do {
            return try await subscribe(checked, language: language, now: now)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two posts for one new address at once: the other made the row; this one is a repeat.
            return try await subscribe(checked, language: language, now: now)
        }
    }

    private func subscribe(_ form: NewsletterForm.Checked, language: Language, now: Date) async throws -> Outcome {
        try await app.db.writeTransaction { db in
            let existing = try await NewsletterSubscriber.find(mailbox: form.mailbox, on: db)
            if let existing, existing.status == .confirmed {
                guard try await Self.perMailbox.hit(form.mailbox, now: now, on: db) else { return .throttled }
                try await NewsletterMail(app: app).already(existing, on: db)
                return .alreadySubscribed
            }
            if let existing, let sent = existing.confirmationSentAt, now.timeIntervalSince(sent) < Self.resendAfter,
                existing.status == .pending
            {
                return .throttled
            }
            guard try await Self.perMailbox.hit(form.mailbox, now: now, on: db) else { return .throttled }
            let secret = SecureToken.make()
            let row = existing ?? NewsletterSubscriber()
            let outcome: Outcome = existing == nil ? .pending : existing?.status == .unsubscribed ? .reconfirm : .mailedAgain
            if existing == nil {
                row.mailbox = form.mailbox
                row.status = .pending
                row.createdAt = now
                row.source = NewsletterSubscriber.Source.form.rawValue
            }
            // The newest form's choices count; an unsubscribed row keeps its status until confirmed.
            row.email = form.email
            row.name = form.name
            row.language = language.rawValue
            row.districts = form.districts
            row.domains = form.domains
            if row.status != .unsubscribed || row.ref == nil { row.ref = form.ref ?? row.ref }
            row.confirmationHash = SecureToken.hash(secret)
            row.confirmationSentAt = now
            try await row.save(on: db)
            try await NewsletterMail(app: app).confirm(row, secret: secret, on: db)
            return outcome
        }
    }
}

/// Following the confirmation link: confirmed once; a second click says it is done.
struct ConfirmSubscription {
    enum Outcome: Equatable { case confirmed, alreadyConfirmed, expired, unknownLink }

    let app: Application

    func run(secret: String) async throws -> Outcome {
        guard !secret.isEmpty, secret.utf8.count <= 200 else { return .unknownLink }
        let now = app.clock.now()
        let hash = SecureToken.hash(secret)
        return try await app.db.writeTransaction { db in
            guard let row = try await NewsletterSubscriber.query(on: db).filter(\.$confirmationHash == hash).first() else {
                return .unknownLink
            }
            if row.status == .confirmed { return .alreadyConfirmed }
            guard let sent = row.confirmationSentAt, now.timeIntervalSince(sent) <= Subscribe.linkValidity else { return .expired }
            row.status = .confirmed
            row.confirmedAt = now
            row.unsubscribedAt = nil
            row.bouncedAt = nil
            try await row.save(on: db)
            return .confirmed
        }
    }
}

/// The preferences page's post: districts, domains and language of a subscriber.
struct UpdatePreferences {
    enum Outcome: Equatable { case saved, unknownLink, notSubscribed, invalid }

    let app: Application

    func run(token: String, districts: [String], domains: [String], language: String?) async throws -> Outcome {
        guard let id = SignedID.id(from: token, purpose: NewsletterLinks.tokenPurpose, key: app.config.secretKey) else {
            return .unknownLink
        }
        let (districts, domains, bad) = NewsletterForm.interests(districts, domains, reference: app.reference)
        let language = language.flatMap(Language.init(rawValue:))
        if bad || language.map({ !Language.site.contains($0) }) == true { return .invalid }
        return try await app.db.writeTransaction { db in
            guard let row = try await NewsletterSubscriber.find(id, on: db) else { return .unknownLink }
            guard row.status == .confirmed else { return .notSubscribed }
            row.districts = districts
            row.domains = domains
            if let language { row.language = language.rawValue }
            try await row.save(on: db)
            return .saved
        }
    }
}

/// Off the list: from the unsubscribe page's button or a mail program's one-click post. The
/// row stays as the "no" that later boxes must respect, without the name.
struct Unsubscribe {
    enum Outcome: Equatable { case unsubscribed, alreadyUnsubscribed, unknownLink }

    let app: Application

    func run(token: String) async throws -> Outcome {
        guard let id = SignedID.id(from: token, purpose: NewsletterLinks.tokenPurpose, key: app.config.secretKey) else {
            return .unknownLink
        }
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            guard let row = try await NewsletterSubscriber.find(id, on: db) else { return .unknownLink }
            guard row.status != .unsubscribed else { return .alreadyUnsubscribed }
            row.status = .unsubscribed
            row.unsubscribedAt = now
            row.name = nil
            try await row.save(on: db)
            return .unsubscribed
        }
    }
}

/// The manifesto's "keep me informed" box (`app.mailingList`): the address was confirmed there.
struct NewsletterMailingList: MailingList {
    let app: Application

    func addConfirmed(_ person: MailingListEntry, on db: any Database) async throws {
        let mailbox = EmailAddress.canonicalMailbox(person.email)
        guard EmailAddress.isValid(person.email) else { return }
        let known = try await NewsletterSubscriber.query(on: db)
            .filter(\.$mailbox ~~ [mailbox, NewsletterPersonalData.suppressionKey(mailbox)]).count()
        guard known == 0 else { return }
        let now = app.clock.now()
        let row = NewsletterSubscriber()
        row.email = person.email.trimmingCharacters(in: .whitespaces)
        row.mailbox = mailbox
        row.name = person.name.map { String($0.prefix(NewsletterForm.nameMax)) }
        row.language = (Language.site.contains(person.language) ? person.language : .nl).rawValue
        let known_ = Set(app.reference.districts.map(\.slug))
        row.districts = person.districts.filter(known_.contains)
        row.domains = []
        row.status = .confirmed
        row.createdAt = now
        row.confirmedAt = now
        row.source = person.source
        row.ref = NewsletterForm.ref(person.ref)
        try await row.create(on: db)
    }
}
