import Fluent
import Foundation
import KrachtCore
import Vapor

/// A series' occurrences kept in step with its template and rule, inside the caller's write
/// transaction. Occurrences are matched by their Amsterdam day, so a new start time moves an
/// occurrence instead of cancelling it and making another. Past and detached occurrences are never
/// touched, and nothing is deleted: an occurrence the rule no longer yields is cancelled, so
/// calendars that have it show the cancellation.
public enum SeriesOccurrences {
    public struct Result: Sendable, Equatable {
        public var created = 0, changed = 0, cancelled = 0
    }

    @discardableResult
    public static func sync(_ series: EventSeries, app: Application, now: Date, on db: any Database) async throws -> Result {
        let seriesID = try series.requireID()
        var starts: [String: Date] = [:]
        if series.status == .scheduled, let rule = RecurrenceRule(series.rule) {
            for start in rule.dates(firstDay: series.firstDay, lastDay: series.lastDay, startMinute: series.startMinute) where start > now {
                starts[AmsterdamTime.day(start)] = start
            }
        }
        var result = Result()
        let existing = try await Event.query(on: db).filter(\.$seriesID == seriesID).all()
        var taken = Set<String>()
        for occurrence in existing {
            let day = AmsterdamTime.day(occurrence.seriesStart ?? occurrence.startsAt)
            taken.insert(day)
            // Past ones keep their history; detached ones were changed on their own.
            guard !occurrence.detached, occurrence.startsAt > now, let id = occurrence.id,
                let locked = try await Event.locked(id, on: db)
            else { continue }
            if let start = starts[day] {
                if try await apply(series, start: start, to: locked, app: app, now: now, on: db) { result.changed += 1 }
            } else if locked.status == .scheduled {
                let before = locked.calendarFace
                locked.status = .cancelled
                locked.bumpSequence(since: before)
                locked.updatedAt = now
                try await locked.save(on: db)
                try await EventMails.changed(locked, .cancelled, app: app, on: db)
                result.cancelled += 1
            }
        }
        for (day, start) in starts.sorted(by: { $0.value < $1.value }) where !taken.contains(day) {
            let event = Event.new(organiser: series.organiserID, createdBy: series.createdBy, now: now)
            event.slug = try await EventSlug.make(title: series.title, startsAt: start, on: db)
            event.seriesID = seriesID
            event.seriesStart = start
            copyTemplate(series, start: start, to: event)
            event.capacity = series.capacity
            try await event.create(on: db)
            result.created += 1
        }
        return result
    }

    /// Brings one future occurrence in line with the template; true when anything changed.
    private static func apply(
        _ series: EventSeries, start: Date, to event: Event, app: Application, now: Date, on db: any Database
    ) async throws -> Bool {
        let wasCancelled = event.isCancelled
        let before = event.calendarFace
        let oldCapacity = event.capacity
        let oldRest = Rest(event)
        copyTemplate(series, start: start, to: event)
        event.seriesStart = start
        event.status = .scheduled
        // Never fewer places than are already held: nobody loses a place they have.
        event.capacity = max(series.capacity, event.placesTaken)
        let after = event.calendarFace
        guard before != after || oldRest != Rest(event) else { return false }
        let timeChanged = before.startsAt != after.startsAt || before.endsAt != after.endsAt
        let placeChanged = before.venue != after.venue || before.address != after.address || before.onlineURL != after.onlineURL
        event.bumpSequence(since: before)
        event.updatedAt = now
        try await event.save(on: db)
        if event.capacity > oldCapacity { try await Waitlist.fill(event, now: now, app: app, on: db) }
        if event.placesTaken > 0 || event.waitlisted > 0 {
            if timeChanged {
                try await EventMails.changed(event, .moved, app: app, on: db)
            } else if placeChanged || wasCancelled {
                try await EventMails.changed(event, .updated, app: app, on: db)
            }
        }
        return true
    }

    /// The rest of the template: changes no calendar shows.
    private struct Rest: Equatable {
        var kind: Event.Kind
        var district, area: String?
        var flags: [Bool]
        var organiserID, initiativeID: UUID?
        var capacity: Int
        var houseRules: String
        init(_ event: Event) {
            (kind, district, area, organiserID, initiativeID) = (
                event.kind, event.district, event.area, event.organiserID, event.initiativeID
            )
            flags = [event.stepFree, event.hearingLoop, event.quietRoom, event.askDietary, event.askAccessibility]
            (capacity, houseRules) = (event.capacity, event.houseRules)
        }
    }

    private static func copyTemplate(_ series: EventSeries, start: Date, to event: Event) {
        event.title = series.title
        event.description = series.description
        event.kind = series.kind
        event.startsAt = start
        event.endsAt = start.addingTimeInterval(Double(series.durationMinutes) * 60)
        event.registrationDeadline = start
        event.venue = series.venue
        event.address = series.address
        event.district = series.district
        event.area = series.area
        event.onlineURL = series.onlineURL
        event.stepFree = series.stepFree
        event.hearingLoop = series.hearingLoop
        event.quietRoom = series.quietRoom
        event.organiserID = series.organiserID
        event.initiativeID = series.initiativeID
        event.askDietary = series.askDietary
        event.askAccessibility = series.askAccessibility
        event.houseRules = series.houseRules
    }
}
