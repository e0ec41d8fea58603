import Fluent
import Foundation
import KrachtCore
import Vapor

/// Registers a person (and their guests) for an event. Everything happens in one write
/// transaction with the event's row locked (`Event.locked`): requests for one event take turns,
/// also across app instances on one PostgreSQL, so the places are never overbooked and the
/// arrival numbers have no gaps or doubles.
struct RegisterForEvent: Sendable {
    enum Outcome: Sendable {
        /// Signed in: the places are theirs.
        case confirmed(EventRegistration)
        /// Anonymous: places held until the mailed link is followed.
        case pending(EventRegistration)
        /// A paid ticket: places held while the payment is open (`TicketCheckout.start` next).
        case awaitingPayment(EventRegistration, Event)
        case waitlisted(EventRegistration)
        /// Signed in with this account or a confirmed address, which is already in the running;
        /// the id only for the account's own registration.
        case alreadyRegistered(UUID?)
        /// Anonymous (or an unconfirmed address) and the address is already in the running: its
        /// owner was mailed the link. Answered exactly as a new registration would be (`waitlist`:
        /// one would have joined the waitlist), so the page tells nobody who is registered.
        case alreadyMailed(waitlist: Bool)
        case closed(Date)
        case cancelled
        case over
        case invalid(FormErrors)
        case rateLimited
    }

    /// Anonymous registrations per client per hour: enough for a family, not for a script.
    static let limiter = RateLimiter(name: "events-register-ip", limit: 10, window: 3600)
    /// An unconfirmed (anonymous) hold: short, so posted addresses cannot keep places from others.
    static let pendingHoldHours = 2
    static let pendingHold = TimeInterval(pendingHoldHours * 3600)
    static let paymentHold: TimeInterval = 30 * 60

    let app: Application

    func run(_ form: RegistrationForm, eventID: UUID, user: User?, language: Language, ip: String) async throws -> Outcome {
        let now = app.clock.now()
        guard let event = try await Event.find(eventID, on: app.db) else { throw Abort(.notFound) }
        if let refusal = Self.refusal(event, now: now) { return refusal }
        let account = user.map { (name: $0.name, email: $0.email) }
        let (checked, errors) = form.check(for: event, account: account) { app.catalogue.text($0, in: language, $1) }
        guard let checked else { return .invalid(errors) }
        if user == nil, try await !Self.limiter.hit(ip, now: now, on: app.db) { return .rateLimited }
        // An account whose address was never confirmed is treated as anonymous: the mail link proves the address.
        let trusted = user?.emailConfirmedAt != nil
        let userID = user?.id
        let outcome: Outcome = try await app.db.writeTransaction { db in
            guard let event = try await Event.locked(eventID, on: db) else { throw Abort(.notFound) }
            if let refusal = Self.refusal(event, now: now) { return refusal }
            if checked.partySize > event.capacity {
                var errors = FormErrors()
                errors.add(
                    "guests", app.catalogue.text("events.register.error.more_than_places", in: language, ["places": String(event.capacity)])
                )
                return .invalid(errors)
            }
            if let existing = try await Self.active(
                eventID: eventID, emailKey: EmailAddress.canonicalMailbox(checked.email), userID: userID, on: db)
            {
                let own = userID != nil && existing.userID == userID
                if own || trusted { return .alreadyRegistered(own ? existing.id : nil) }
                try await RegistrationMails(app: app).alreadyRegistered(existing, of: event, on: db)
                let fits = event.waitlisted == 0 && checked.partySize <= event.capacity - event.placesTaken
                return .alreadyMailed(waitlist: !fits)
            }
            let registration = EventRegistration.make(checked, eventID: eventID, userID: userID, language: language, now: now)
            registration.position = event.nextPosition
            event.nextPosition += 1
            // Strict order: nobody passes people already waiting, even when a smaller party would fit.
            let fits = event.waitlisted == 0 && checked.partySize <= event.capacity - event.placesTaken
            if fits {
                event.placesTaken += checked.partySize
                if event.isPaid {
                    registration.status = .awaitingPayment
                    registration.holdUntil = now.addingTimeInterval(Self.paymentHold)
                } else if trusted {
                    registration.status = .confirmed
                } else {
                    registration.status = .pending
                    registration.holdUntil = Self.pendingDeadline(for: event, now: now)
                }
            } else {
                registration.status = .waitlisted
                event.waitlisted += 1
            }
            event.updatedAt = now
            try await registration.create(on: db)
            try await event.save(on: db)
            let mails = RegistrationMails(app: app)
            switch registration.status {
            case .confirmed:
                try await EventMails.confirmed(registration, of: event, app: app, on: db)
                return .confirmed(registration)
            case .pending:
                try await mails.confirmLink(registration, of: event, on: db)
                try await HoldExpiry.schedule(registration, on: db)
                return .pending(registration)
            case .awaitingPayment:
                try await HoldExpiry.schedule(registration, on: db)
                return .awaitingPayment(registration, event)
            default:
                try await mails.waitlisted(registration, of: event, on: db)
                return .waitlisted(registration)
            }
        }
        return outcome
    }

    /// Two hours, but never past the registration deadline or the start.
    static func pendingDeadline(for event: Event, now: Date) -> Date {
        min(now.addingTimeInterval(pendingHold), event.registrationDeadline, event.startsAt)
    }

    /// Why nobody can register now, if so.
    static func refusal(_ event: Event, now: Date) -> Outcome? {
        if event.isCancelled { return .cancelled }
        if event.hasEnded(at: now) { return .over }
        if now >= event.registrationDeadline { return .closed(event.registrationDeadline) }
        return nil
    }

    /// The registration in the running (holding places or waiting) of this address or account.
    static func active(eventID: UUID, emailKey: String, userID: UUID?, on db: any Database) async throws -> EventRegistration? {
        let statuses = EventRegistration.Status.allCases.filter(\.isActive)
        return try await EventRegistration.query(on: db).filter(\.$eventID == eventID).filter(\.$status ~~ statuses)
            .group(.or) { group in
                group.filter(\.$emailKey == emailKey)
                if let userID { group.filter(\.$userID == userID) }
            }
            .first()
    }
}

extension EventRegistration {
    static func make(_ form: RegistrationForm.Checked, eventID: UUID, userID: UUID?, language: Language, now: Date) -> EventRegistration {
        let registration = EventRegistration()
        registration.id = UUID()
        registration.eventID = eventID
        registration.userID = userID
        registration.name = form.name
        registration.email = form.email
        registration.emailKey = EmailAddress.canonicalMailbox(form.email)
        registration.guests = form.guests
        registration.dietary = form.dietary
        registration.accessibility = form.accessibility
        registration.houseRulesAccepted = form.houseRulesAccepted
        registration.ref = form.ref
        registration.language = language
        registration.walkIn = false
        registration.paidCents = 0
        registration.createdAt = now
        registration.updatedAt = now
        return registration
    }
}
