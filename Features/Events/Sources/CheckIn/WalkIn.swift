import Fluent
import FluentSQL
import Foundation
import KrachtCore
import Vapor

/// Someone who comes to the door without a registration: a confirmed registration, checked in at
/// once, without an e-mail address. They count in `attended`, not in `placesTaken`: they are
/// already inside, and a place they never held cannot be given to the waitlist. Because they
/// count in the public indicators, they are bounded: only around the event (`window`), at most
/// `limit(of:)` people in all, and each one is in the audit log.
struct WalkIn: Sendable {
    struct Input: Sendable {
        var name: String?
        var guests: String?
        /// The rendered form's own id, used as the registration's id: the same form sent twice adds one walk-in.
        var formID: String?
    }

    enum Outcome: Sendable, Equatable {
        case added(name: String, party: Int)
        case alreadyAdded
        case eventCancelled
        /// The door opens two hours before the start.
        case tooEarly
        /// A day after the end the list is closed: late corrections only, no new people.
        case closed
        case invalid(FormErrors)
    }

    static let maxNameLength = 100
    static let maxGuests = 10
    static let opensBefore: TimeInterval = 2 * 3600
    static let closesAfter: TimeInterval = 86_400
    /// Beyond the capacity: more come than registered, but not without bound.
    static let minimumMargin = 20

    enum Window: String, Encodable, Sendable { case tooEarly = "too_early", open, closed }

    static func window(of event: Event, at now: Date) -> Window {
        if now < event.startsAt.addingTimeInterval(-opensBefore) { return .tooEarly }
        if now > event.endsAt.addingTimeInterval(closesAfter) { return .closed }
        return .open
    }

    /// How many people (guests included) may come in without a registration: the capacity plus
    /// half of it, and at least `minimumMargin` more.
    static func limit(of event: Event) -> Int {
        event.capacity + max((event.capacity + 1) / 2, minimumMargin)
    }

    private struct Sum: Decodable { let n: Int? }

    /// The people already added at the door.
    static func people(at eventID: UUID, on db: any Database) async throws -> Int {
        try await db.sql.raw(
            """
            SELECT CAST(SUM(1 + guests) AS BIGINT) AS n FROM event_registrations \
            WHERE event_id = \(bind: eventID) AND walk_in AND status = 'confirmed'
            """
        ).first(decoding: Sum.self)?.n ?? 0
    }

    let app: Application

    /// The caller has checked that `organiser` runs the event.
    func run(_ input: Input, at eventID: UUID, by organiser: User, language: Language) async throws -> Outcome {
        let t = { (key: String) in app.catalogue.text(key, in: language) }
        var errors = FormErrors()
        let (name, nameProblem) = TextField.check(input.name, maxLength: Self.maxNameLength)
        if let nameProblem { errors.add("name", TextField.message(for: nameProblem, maxLength: Self.maxNameLength, t)) }
        let guestsText = (input.guests ?? "").trimmingCharacters(in: .whitespaces)
        let guests = guestsText.isEmpty ? 0 : Int(guestsText)
        if guests == nil || !(0...Self.maxGuests).contains(guests!) {
            errors.add("guests", app.catalogue.text("events.attendees.walk_in.error.guests", in: language, ["max": String(Self.maxGuests)]))
        }
        guard errors.isEmpty, let guests else { return .invalid(errors) }

        let now = app.clock.now()
        let organiserID = try organiser.requireID()
        let id = input.formID.flatMap(UUID.init(uuidString:)) ?? UUID()
        do {
            return try await app.db.writeTransaction { db -> Outcome in
                guard let event = try await Event.locked(eventID, on: db) else { throw Abort(.notFound) }
                if try await EventRegistration.find(id, on: db) != nil { return .alreadyAdded }
                if event.isCancelled { return .eventCancelled }
                switch Self.window(of: event, at: now) {
                case .tooEarly: return .tooEarly
                case .closed: return .closed
                case .open: break
                }
                // Under the event's lock: two organisers at the door cannot both take the last room.
                let limit = Self.limit(of: event)
                let left = max(0, limit - (try await Self.people(at: eventID, on: db)))
                if 1 + guests > left {
                    var full = FormErrors()
                    let arguments = ["max": String(limit), "left": String(left)]
                    if left == 0 {
                        full.add("name", app.catalogue.text("events.attendees.walk_in.error.full", in: language, arguments))
                    } else {
                        full.add(
                            "guests", app.catalogue.text("events.attendees.walk_in.error.too_many", in: language, arguments, count: left))
                    }
                    return .invalid(full)
                }
                let registration = EventRegistration()
                registration.id = id
                registration.eventID = eventID
                registration.userID = nil
                registration.name = name
                registration.email = ""
                registration.emailKey = ""
                registration.guests = guests
                registration.houseRulesAccepted = false
                registration.status = .confirmed
                registration.position = event.nextPosition
                registration.language = language
                registration.walkIn = true
                registration.checkedInAt = now
                registration.checkedInBy = organiserID
                registration.paidCents = 0
                registration.createdAt = now
                registration.updatedAt = now
                try await registration.create(on: db)
                event.nextPosition += 1
                event.attended += registration.partySize
                try await event.save(on: db)
                try await AuditEvent.record(
                    "events.walk_in", subject: "event_registration:\(id)",
                    details: "event:\(eventID) people:\(registration.partySize)", by: organiserID, on: db)
                return .added(name: name, party: registration.partySize)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The same form twice at the same moment: the primary key let one through.
            return .alreadyAdded
        }
    }
}
