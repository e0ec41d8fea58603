import Fluent
import Foundation
import KrachtCore
import Vapor

/// Someone who comes to the door without a registration: a confirmed registration, checked in at
/// once, without an e-mail address. They count in `attended`, not in `placesTaken`: they are
/// already inside, and a place they never held cannot be given to the waitlist.
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
        case invalid(FormErrors)
    }

    static let maxNameLength = 100
    static let maxGuests = 10

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
                return .added(name: name, party: registration.partySize)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The same form twice at the same moment: the primary key let one through.
            return .alreadyAdded
        }
    }
}
