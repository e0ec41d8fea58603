import Fluent
import FluentSQL
import Foundation
import KrachtCore
import Vapor

/// What the organiser sees at the door: the counts, who holds a place (by name, with their
/// answers, never their address), the waitlist and the walk-in form.
struct AttendeesPage: Encodable {
    struct Row: Encodable {
        var name, party, status: String
        var dietary, accessibility: String?
        var walkIn: Bool
        /// "19:42" when checked in; else the button (confirmed only) posts to `action`.
        var checkedInAt: String?
        var canCheckIn: Bool
        var action: String
    }
    struct Waiting: Encodable {
        var name, party: String
    }

    /// More than a venue holds: a longer list asks for the search box.
    static let maxRows = 500
    static let maxWaiting = 200
    static let maxQueryLength = 100

    var title, when, eventPath, attendeesPath, walkInPath: String
    var cancelled: Bool
    var placesTaken, capacity, confirmedPeople, waitlisted, attended: Int
    var query: String
    var rows: [Row] = []
    var moreRows = false
    var waitlist: [Waiting] = []
    var moreWaiting = false
    /// Paid tickets of this event owed back (cancelled, or paid without a place): "name: € 15,00".
    var refundsDue: [String] = []
    var values: [String: String] = [:]
    var errors = FormErrors()
    var formID = UUID().uuidString
    /// Whether the walk-in form is shown: only from two hours before the start to a day after the end.
    var walkInWindow = WalkIn.Window.open
    var maxGuests = WalkIn.maxGuests
    var maxName = WalkIn.maxNameLength

    static func load(_ event: Event, query raw: String?, req: Request) async throws -> AttendeesPage {
        let eventID = try event.requireID()
        let query = String((raw ?? "").trimmingCharacters(in: .whitespaces).prefix(maxQueryLength))
        let language = req.language
        var page = AttendeesPage(
            title: event.title, when: EventWords.when(event.startsAt, in: language),
            eventPath: EventsPath.event(.value(event.slug)).path, attendeesPath: EventsPath.attendees(.value(event.slug)).path,
            walkInPath: EventsPath.walkIn(.value(event.slug)).path, cancelled: event.isCancelled,
            placesTaken: event.placesTaken, capacity: event.capacity,
            confirmedPeople: try await confirmedPeople(eventID, on: req.db), waitlisted: event.waitlisted,
            attended: event.attended, query: query)
        page.walkInWindow = WalkIn.window(of: event, at: req.now)

        let holding = EventRegistration.query(on: req.db).filter(\.$eventID == eventID)
            .filter(\.$status ~~ EventRegistration.Status.holding)
        if !query.isEmpty {
            // lower() on both sides: LIKE is case-sensitive on PostgreSQL, not on SQLite.
            let escaped = query.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            holding.filter(.sql(embed: "lower(\(ident: "name")) LIKE \(bind: "%\(escaped)%") ESCAPE '\\'"))
        }
        let found = try await holding.sort(\.$name).sort(\.$position).limit(maxRows + 1).all()
        page.moreRows = found.count > maxRows
        page.rows = try found.prefix(maxRows).map { registration in
            Row(
                name: registration.name, party: req.t("events.checkin.party", count: registration.partySize),
                status: req.t("events.checkin.status.\(registration.status.rawValue)"),
                dietary: registration.dietary.flatMap { $0.isEmpty ? nil : $0 },
                accessibility: registration.accessibility.flatMap { $0.isEmpty ? nil : $0 }, walkIn: registration.walkIn,
                checkedInAt: registration.checkedInAt.map { AmsterdamTime.format($0, "HH:mm", in: language) },
                canCheckIn: registration.status == .confirmed && !event.isCancelled,
                action: EventsPath.checkInByName(.value(event.slug), registration: .value(try registration.requireID())).path)
        }
        let waiting = try await EventRegistration.query(on: req.db).filter(\.$eventID == eventID)
            .filter(\.$status == .waitlisted).sort(\.$position).limit(maxWaiting + 1).all()
        page.moreWaiting = waiting.count > maxWaiting
        page.waitlist = waiting.prefix(maxWaiting).map {
            Waiting(name: $0.name, party: req.t("events.checkin.party", count: $0.partySize))
        }
        page.refundsDue = try await TicketRefunds.due(eventID: eventID, limit: maxWaiting, on: req.db).map {
            req.t("events.attendees.refund_row", ["name": $0.name, "amount": Money.format(cents: $0.refundDueCents ?? 0, in: language)])
        }
        return page
    }

    private struct Sum: Decodable { let n: Int? }

    /// People (with their guests) of confirmed registrations, walk-ins included: who is expected.
    static func confirmedPeople(_ eventID: UUID, on db: any Database) async throws -> Int {
        try await db.sql.raw(
            """
            SELECT CAST(SUM(1 + guests) AS BIGINT) AS n FROM event_registrations WHERE event_id = \(bind: eventID) AND status = 'confirmed'
            """
        ).first(decoding: Sum.self)?.n ?? 0
    }
}
