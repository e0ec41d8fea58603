import Fluent
import Foundation
import Fund
import Initiatives
import KrachtCore
import Vapor

/// An organiser creates an event, or changes one they run: checked by `EventInput`, then one
/// transaction (the event locked on edit). A change a calendar shows bumps `sequence`
/// (`Event.bumpSequence`); an occurrence changed on its own leaves its series (`detached`);
/// registrants hear of a move or a new place; more places go to the waitlist. A cancelled event
/// is not changed any more (it would mail its registrants a new time for an event that is off).
struct SaveEvent: Sendable {
    enum Outcome: Sendable, Equatable {
        case saved(slug: String)
        /// The event was called off: it stays as it was.
        case eventCancelled(slug: String)
        case invalid(FormErrors)
        case notAllowed
        case notFound
        case rateLimited
    }

    /// Creating is an organiser's, but a runaway form (or account) must not fill the agenda.
    static let limiter = RateLimiter(name: "events-create", limit: 30, window: 3600)

    let app: Application

    func run(_ input: EventInput, event eventID: UUID?, by user: User, language: Language) async throws -> Outcome {
        let app = self.app
        let now = app.clock.now()
        let t: @Sendable (String, [String: String]) -> String = { app.catalogue.text($0, in: language, $1) }
        let (checked, errors) = input.check(reference: app.reference, t: t)
        guard let draft = checked else { return .invalid(errors) }
        let userID = try user.requireID()
        let coordinator = try await user.roles(on: app.db).allow(.coordinator)
        let runs = Set(try await EventAccess.initiativesRunBy(user, on: app.db).compactMap(\.id))
        return try await app.db.writeTransaction { db -> Outcome in
            var errors = FormErrors()
            let existing: Event?
            if let eventID {
                guard let event = try await Event.locked(eventID, on: db) else { return .notFound }
                guard try await EventAccess.canOrganise(user, event, on: db) else { return .notAllowed }
                guard !event.isCancelled else { return .eventCancelled(slug: event.slug) }
                existing = event
            } else {
                guard coordinator || !runs.isEmpty else { return .notAllowed }
                existing = nil
            }
            // Which initiative: one the organiser runs (or the one it already had); a coordinator any approved one, or none.
            if let initiativeID = draft.initiativeID {
                let approved = try await Initiative.find(initiativeID, on: db).map { $0.status == .approved } ?? false
                let allowed = coordinator ? approved : runs.contains(initiativeID) || initiativeID == existing?.initiativeID
                if !allowed { errors.add("initiative", t("events.form.error.initiative", [:])) }
            } else if !coordinator {
                errors.add("initiative", t("events.form.error.initiative_required", [:]))
            }
            // Only a coordinator ties an event to a fund campaign; anyone else keeps what it had.
            var campaignID = existing?.campaignID
            if coordinator {
                campaignID = draft.campaignID
                if let id = draft.campaignID, try await FundCampaign.find(id, on: db) == nil {
                    errors.add("campaign", t("events.form.error.campaign", [:]))
                }
            }
            let moved = existing.map { $0.startsAt != draft.startsAt || $0.endsAt != draft.endsAt } ?? true
            if moved && draft.startsAt <= now { errors.add("date", t("events.form.error.past", [:])) }
            if let existing, draft.capacity < existing.placesTaken {
                errors.add("capacity", app.catalogue.text("events.form.error.below_taken", in: language, [:], count: existing.placesTaken))
            }
            guard errors.isEmpty else { return .invalid(errors) }

            if existing == nil {
                // A double click lands on the event the first click made: the twin is looked for
                // in this title-and-day's turn (`EventSlug.lock`), so two clicks at once find each other.
                try await EventSlug.lock(title: draft.title, startsAt: draft.startsAt, on: db)
                if let twin = try await Event.query(on: db).filter(\.$organiserID == userID).filter(\.$title == draft.title)
                    .filter(\.$startsAt == draft.startsAt).first()
                {
                    return .saved(slug: twin.slug)
                }
                guard try await Self.limiter.hit(userID.uuidString, now: now, on: db) else { return .rateLimited }
            }
            let event = existing ?? Event.new(organiser: userID, createdBy: userID, now: now)
            if existing == nil { event.slug = try await EventSlug.make(title: draft.title, startsAt: draft.startsAt, on: db) }
            let oldCapacity = event.capacity
            let replaced = existing != nil && Self.placeChanged(event, draft)
            let shownBefore = existing?.calendarFace
            let before = Self.fingerprint(event)
            let price = existing?.ticketPriceCents ?? 0
            Self.apply(draft, to: event, campaignID: campaignID)
            // Only a coordinator sets a ticket price (the money goes to the fund's Mollie); anyone else keeps what it had.
            if !coordinator { event.ticketPriceCents = price }
            // A repeated post changes nothing: no new sequence, no mail, still a series occurrence.
            guard existing == nil || Self.fingerprint(event) != before else { return .saved(slug: event.slug) }
            if let shownBefore { event.bumpSequence(since: shownBefore) }
            if existing != nil && event.seriesID != nil { event.detached = true }
            event.updatedAt = now
            try await event.save(on: db)
            guard let existing else { return .saved(slug: event.slug) }
            if event.organiserID != userID, !(try await Self.runsInitiative(userID, of: existing, on: db)) {
                try await AuditEvent.record("events.edit", subject: "event:\(try existing.requireID())", by: userID, on: db)
            }
            if moved {
                try await EventMails.changed(event, .moved, app: app, on: db)
            } else if replaced {
                try await EventMails.changed(event, .updated, app: app, on: db)
            }
            if event.capacity > oldCapacity { try await Waitlist.fill(event, now: now, app: app, on: db) }
            return .saved(slug: event.slug)
        }
    }

    static func runsInitiative(_ userID: UUID, of event: Event, on db: any Database) async throws -> Bool {
        guard let initiativeID = event.initiativeID else { return false }
        return try await InitiativeAccess.isOrganiser(userID, of: initiativeID, on: db)
    }

    static func placeChanged(_ event: Event, _ draft: EventInput.Draft) -> Bool {
        event.venue != draft.venue || event.address != draft.address || event.district != draft.district || event.area != draft.area
            || event.onlineURL != draft.onlineURL
    }

    /// What the form sets, to tell whether a save changed anything.
    static func fingerprint(_ event: Event) -> [String] {
        guard event.$title.value != nil else { return [] }
        return [
            event.kind.rawValue, event.title, event.description, "\(event.startsAt.timeIntervalSince1970)",
            "\(event.endsAt.timeIntervalSince1970)", "\(event.registrationDeadline.timeIntervalSince1970)", event.venue, event.address,
            event.district ?? "", event.area ?? "", event.onlineURL ?? "", "\(event.stepFree)\(event.hearingLoop)\(event.quietRoom)",
            "\(event.capacity)", event.initiativeID?.uuidString ?? "", event.campaignID?.uuidString ?? "", "\(event.ticketPriceCents)",
            "\(event.askDietary)\(event.askAccessibility)", event.houseRules,
        ]
    }

    static func apply(_ draft: EventInput.Draft, to event: Event, campaignID: UUID?) {
        event.kind = draft.kind
        event.title = draft.title
        event.description = draft.description
        event.startsAt = draft.startsAt
        event.endsAt = draft.endsAt
        event.registrationDeadline = draft.deadline ?? draft.startsAt
        event.venue = draft.venue
        event.address = draft.address
        event.district = draft.district
        event.area = draft.area
        event.onlineURL = draft.onlineURL
        event.stepFree = draft.stepFree
        event.hearingLoop = draft.hearingLoop
        event.quietRoom = draft.quietRoom
        event.capacity = draft.capacity
        event.initiativeID = draft.initiativeID
        event.campaignID = campaignID
        event.ticketPriceCents = draft.priceCents
        event.askDietary = draft.askDietary
        event.askAccessibility = draft.askAccessibility
        event.houseRules = draft.houseRules
    }
}
