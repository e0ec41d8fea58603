import Fluent
import Foundation
import KrachtCore
import Vapor

/// The demo's registrations, written straight into the table (no mails: nobody real is behind
/// them) with the event's counters set from exactly these rows, so `kracht verify` agrees.
enum EventsDemoRegistrations {
    struct Person {
        var name: String
        var email: String
        var userID: UUID?
        var guests = 0
        var language = Language.nl
        var partySize: Int { 1 + guests }
    }

    /// `count` people: `use` demo residents first (starting at `offset`), then made-up names with
    /// their own example.org address (`tag` keeps them apart per event).
    static func people(_ count: Int, residents: [User], use: Int, offset: Int, tag: String) -> [Person] {
        var people: [Person] = []
        let chosen = residents.isEmpty ? [] : (0..<min(use, residents.count)).map { residents[(offset + $0) % residents.count] }
        for user in chosen.prefix(count) { people.append(Person(name: user.name, email: user.email, userID: user.id)) }
        var n = offset * 31
        while people.count < count {
            n += 1
            let guests = n % 9 == 0 ? 1 : n % 29 == 0 ? 2 : 0
            people.append(
                Person(
                    name: EventsDemoData.name(n), email: "\(tag)-\(n)@example.org", userID: nil, guests: guests,
                    language: n % 11 == 0 ? .en : .nl))
        }
        return people
    }

    /// Registers `holding` (confirmed), then `waitlist`, in arrival order between `from` and `until`;
    /// the first `checkedIn` of `holding` and every walk-in were checked in at the door.
    static func add(
        to event: Event, holding: [Person], waitlist: [Person] = [], checkedIn: Int = 0, walkIns: [Person] = [], by organiser: UUID?,
        from: Date, until: Date, app: Application
    ) async throws {
        let eventID = try event.requireID()
        let all = holding.map { ($0, EventRegistration.Status.confirmed) } + waitlist.map { ($0, .waitlisted) }
        let past = event.hasEnded(at: app.clock.now())
        let step = all.isEmpty ? 0 : until.timeIntervalSince(from) / Double(all.count)
        try await app.db.writeTransaction { db in
            var position = 0
            var taken = 0, waiting = 0, attended = 0
            func make(_ person: Person, _ status: EventRegistration.Status, at created: Date, walkIn: Bool, checkIn: Date?) async throws {
                position += 1
                let row = EventRegistration()
                row.eventID = eventID
                row.userID = person.userID
                row.name = person.name
                row.email = person.email
                row.emailKey = person.email.isEmpty ? "" : EmailAddress.canonicalMailbox(person.email)
                row.guests = person.guests
                row.dietary = event.askDietary && position % 6 == 0 ? EventsDemoData.dietary[position % EventsDemoData.dietary.count] : nil
                row.accessibility =
                    event.askAccessibility && position % 17 == 0
                    ? EventsDemoData.accessibility[position % EventsDemoData.accessibility.count] : nil
                row.houseRulesAccepted = !event.houseRules.isEmpty
                row.status = status
                row.position = position
                row.holdUntil = nil
                row.language = person.language
                row.walkIn = walkIn
                row.checkedInAt = checkIn
                row.checkedInBy = checkIn == nil ? nil : organiser
                row.paymentID = nil
                row.paidCents = 0
                // A past event's reminders and thanks went out then: the jobs must not send them now.
                row.remindedAt = past && status.holdsPlaces ? event.startsAt.addingTimeInterval(-86_400) : nil
                row.thankedAt = past && status.holdsPlaces ? event.endsAt.addingTimeInterval(3_600) : nil
                row.createdAt = created
                row.updatedAt = checkIn ?? created
                try await row.create(on: db)
                // Walk-ins came in at the door: they never held a place (as the check-in's walk-in counts them).
                if status.holdsPlaces && !walkIn { taken += row.partySize }
                if status == .waitlisted { waiting += 1 }
                if checkIn != nil { attended += row.partySize }
            }
            for (n, (person, status)) in all.enumerated() {
                let created = from.addingTimeInterval(step * Double(n))
                // Arrivals at the door, spread over the first forty minutes.
                let checkIn = n < checkedIn && status == .confirmed ? event.startsAt.addingTimeInterval(Double(n % 40) * 60 - 600) : nil
                try await make(person, status, at: created, walkIn: false, checkIn: checkIn)
            }
            for (n, person) in walkIns.enumerated() {
                let at = event.startsAt.addingTimeInterval(Double(5 + n * 3) * 60)
                try await make(person, .confirmed, at: at, walkIn: true, checkIn: at)
            }
            guard let locked = try await Event.locked(eventID, on: db) else { return }
            locked.placesTaken += taken
            locked.waitlisted += waiting
            locked.attended += attended
            locked.nextPosition = position + 1
            try await locked.save(on: db)
            event.placesTaken = locked.placesTaken
            event.waitlisted = locked.waitlisted
            event.attended = locked.attended
            event.nextPosition = locked.nextPosition
        }
    }
}
