import Fluent
import KrachtCore
import Vapor

/// A donor asks to give: the gift is created open (with a monthly gift online, its `RecurringGift`
/// pending), and for a bank transfer the instructions are mailed in the same transaction. A
/// monthly transfer is a standing order the donor keeps at their own bank: the gift says
/// `monthly`, and there is no `RecurringGift` (nothing of ours to stop).
/// Paying is the provider's part (`PaymentProvider.start`), called by the controller after.
struct AskForGift: Sendable {
    enum Outcome: Sendable {
        /// `secret` opens the gift's own pages (transfer, thanks); only its hash is stored.
        case asked(Gift, secret: String)
        /// The same form was sent before (a double click, a reload): the gift of the first post.
        case repeated(Gift, secret: String)
        case invalid(FormErrors)
        case rateLimited
    }

    /// Gifts asked for per address per hour: generous for a family or an office behind one
    /// address, a wall against filling the gifts table (and the outbox) by script.
    static let limiter = RateLimiter(name: "fund-give", limit: 20, window: 3600)

    let app: Application

    /// `campaign`: the running campaign the form credits, already looked up (nil: none or closed).
    func run(_ form: GiftForm, campaign: FundCampaign?, user: User?, language: Language, ip: String) async throws -> Outcome {
        let secret = Self.secret(formID: form.form_id, app: app)
        if let existing = try await Gift.query(on: app.db).filter(\.$tokenHash == SecureToken.hash(secret)).first() {
            return .repeated(existing, secret: secret)
        }
        let t = { app.catalogue.text($0, in: language) }
        let (checked, errors) = form.check(
            settings: app.fundSettings, methods: app.paymentProviders, t: t, money: { Money.format(cents: $0, in: language) })
        guard let checked else { return .invalid(errors) }
        guard try await Self.limiter.hit(ip, now: app.clock.now(), on: app.db) else { return .rateLimited }

        let now = app.clock.now()
        let source: GiftSource = campaign != nil ? .campaign : checked.organisation != nil ? .organisation : .private
        let gift = Gift(
            amountCents: checked.amountCents, frequency: checked.monthly ? .monthly : .once, method: checked.method, source: source,
            language: language, wall: checked.wall, now: now)
        gift.donorName = checked.name
        gift.donorEmail = checked.email
        gift.organisation = checked.organisation
        gift.userID = user?.id
        gift.message = checked.message
        gift.campaignID = campaign?.id
        gift.tokenHash = SecureToken.hash(secret)
        if checked.method == .transfer { gift.reference = PaymentReference.make() }
        do {
            try await app.db.writeTransaction { db in
                if checked.monthly, checked.method != .transfer { gift.recurringID = try await createRecurring(for: gift, on: db) }
                try await gift.create(on: db)
                if checked.method == .transfer { try await mailInstructions(for: gift, secret: secret, on: db) }
            }
        } catch {
            // The double click that raced past the lookup: the first post's gift holds the token.
            guard (error as? any DatabaseError)?.isConstraintFailure == true,
                let first = try await Gift.query(on: app.db).filter(\.$tokenHash == SecureToken.hash(secret)).first()
            else { throw error }
            return .repeated(first, secret: secret)
        }
        return .asked(gift, secret: secret)
    }

    /// The gift's secret follows from the form's random id (keyed with the server's secret), so a
    /// second post of the same form finds the first gift; without an id, a fresh one.
    static func secret(formID: String?, app: Application) -> String {
        guard let formID, (20...64).contains(formID.count) else { return SecureToken.make() }
        return app.sealer.blindIndex(formID, context: "fund-gift-form")
    }

    private func createRecurring(for gift: Gift, on db: any Database) async throws -> UUID {
        let recurring = RecurringGift()
        recurring.id = UUID()
        recurring.createdAt = gift.createdAt
        recurring.status = RecurringGift.Status.pending.rawValue
        recurring.amountCents = gift.amountCents
        recurring.copyDonor(from: gift)
        try await recurring.create(on: db)
        return recurring.id!
    }

    private func mailInstructions(for gift: Gift, secret: String, on db: any Database) async throws {
        guard let email = gift.donorEmail, let reference = gift.reference else { return }
        let language = gift.giftLanguage
        let settings = app.fundSettings
        try await app.mailer.enqueue(
            to: email, language: language, subjectKey: "fund.mail.transfer.subject", view: "fund/mail/transfer",
            context: [
                "name": gift.donorName ?? "",
                "amount": Money.format(cents: gift.amountCents, in: language),
                "iban": TransferDetails.groupedIBAN(settings.iban),
                "holder": settings.accountName,
                "reference": PaymentReference.formatted(reference),
                "monthly": gift.frequency == Gift.Frequency.monthly.rawValue ? "1" : "",
                "link": FundPath.transfer(.value(secret)).url(on: app),
                "baseURL": app.config.baseURL,
            ], on: db)
    }
}
