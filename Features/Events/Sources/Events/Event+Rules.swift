import Foundation

/// The event's own rules, in one place for every command that makes or changes one: how a new
/// event starts, how long one may last, and which change a calendar must hear about.
extension Event {
    /// Events last at most this long (`EventInput`), so "not yet ended" is a range on the start index.
    public static let longestEvent: TimeInterval = 7 * 86_400

    /// A new, scheduled event with its counters at their start values (nothing taken, waiting or
    /// attended; the first arrival gets number 1). The caller sets what the form or template says.
    public static func new(organiser: UUID?, createdBy: UUID?, now: Date) -> Event {
        let event = Event()
        event.organiserID = organiser
        event.createdBy = createdBy
        event.status = .scheduled
        event.sequence = 0
        event.detached = false
        event.capacity = 0
        event.ticketPriceCents = 0
        event.campaignID = nil
        event.placesTaken = 0
        event.waitlisted = 0
        event.attended = 0
        event.nextPosition = 1
        event.createdAt = now
        event.updatedAt = now
        return event
    }

    /// What a calendar shows of an event: title, description, time, place and status
    /// (`ICalendar`). A change to any of it bumps SEQUENCE, so a calendar replaces its copy.
    public struct CalendarFace: Equatable, Sendable {
        var title, description, venue, address: String
        var onlineURL: String?
        var startsAt, endsAt: Date
        var status: Status
    }

    public var calendarFace: CalendarFace {
        CalendarFace(
            title: title, description: description, venue: venue, address: address, onlineURL: onlineURL,
            startsAt: startsAt, endsAt: endsAt, status: status)
    }

    /// Bumps `sequence` when what a calendar shows differs from `before`: the one SEQUENCE rule
    /// of every command that changes an event. True when it did.
    @discardableResult
    public func bumpSequence(since before: CalendarFace) -> Bool {
        guard calendarFace != before else { return false }
        sequence += 1
        return true
    }
}
