import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

@testable import Events

/// What the calendar, mail and reminder tests need besides `EventFixture`: registrations in a
/// given state, a series, an Amsterdam wall-clock time, an initiative with an open action, and
/// an iCalendar object read back into its lines.
enum CalendarFixture {
    /// A date from Amsterdam wall-clock time.
    static func amsterdam(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        AmsterdamTime.calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    /// Moves the app's clock to `date` (which must lie ahead).
    static func setClock(_ app: Application, to date: Date) { app.clock.advance(by: date.timeIntervalSince(app.clock.now())) }

    /// An event at a given Amsterdam time, two hours long.
    static func event(
        _ app: Application, slug: String, at start: Date, district: String? = "west", seriesID: UUID? = nil,
        status: Event.Status = .scheduled, initiativeID: UUID? = nil
    ) async throws -> Event {
        let event = try await EventFixture.event(app, slug: slug, district: district, initiativeID: initiativeID)
        event.startsAt = start
        event.endsAt = start.addingTimeInterval(2 * 3600)
        event.registrationDeadline = start
        event.seriesID = seriesID
        event.seriesStart = seriesID == nil ? nil : start
        event.status = status
        try await event.save(on: app.db)
        return event
    }

    @discardableResult
    static func register(
        _ app: Application, _ event: Event, email: String, status: EventRegistration.Status = .confirmed, user: User? = nil,
        guests: Int = 0, checkedIn: Bool = false, language: Language = .nl
    ) async throws -> EventRegistration {
        let registration = EventRegistration()
        registration.eventID = try event.requireID()
        registration.userID = try user?.requireID()
        registration.name = "Gast " + email.prefix { $0 != "@" }
        registration.email = email
        registration.emailKey = email
        registration.guests = guests
        registration.houseRulesAccepted = true
        registration.status = status
        registration.position = event.nextPosition
        registration.language = language
        registration.walkIn = false
        registration.paidCents = 0
        registration.checkedInAt = checkedIn ? app.clock.now() : nil
        registration.createdAt = app.clock.now()
        registration.updatedAt = app.clock.now()
        try await registration.save(on: app.db)
        event.nextPosition += 1
        if status.holdsPlaces { event.placesTaken += registration.partySize }
        if status == .waitlisted { event.waitlisted += 1 }
        if checkedIn { event.attended += registration.partySize }
        try await event.save(on: app.db)
        return registration
    }

    /// A monthly meetup series in West at 19:30 (its occurrences are made by the test).
    static func series(_ app: Application) async throws -> EventSeries {
        let now = app.clock.now()
        let series = EventSeries()
        series.title = "Buurtgesprek West"
        series.description = "Elke tweede woensdag."
        series.kind = .meetup
        series.rule = "monthly:2:3"
        series.startMinute = 19 * 60 + 30
        series.durationMinutes = 120
        series.firstDay = now
        series.lastDay = now.addingTimeInterval(365 * 86_400)
        series.venue = "Buurthuis De Meeuw"
        series.address = "Meeuwenlaan 1, Amsterdam"
        series.district = "west"
        series.stepFree = true
        series.hearingLoop = false
        series.quietRoom = false
        series.capacity = 20
        series.askDietary = false
        series.askAccessibility = false
        series.houseRules = ""
        series.status = .scheduled
        series.createdAt = now
        series.updatedAt = now
        try await series.save(on: app.db)
        return series
    }

    /// An approved initiative in `district` with one open action; returns the action's path.
    static func openAction(_ app: Application, district: String, title: String) async throws -> (Initiative, InitiativeAction) {
        let now = app.clock.now()
        let initiative = Initiative()
        initiative.slug = "buurtkeuken-" + district
        initiative.name = "Buurtkeuken " + district
        initiative.summary = "Samen koken."
        initiative.why = "Omdat het kan."
        initiative.district = district
        initiative.underFlag = false
        initiative.status = .approved
        initiative.createdAt = now
        initiative.updatedAt = now
        initiative.confirmedMinutes = 0
        initiative.peopleReached = 0
        initiative.peopleConnected = 0
        try await initiative.save(on: app.db)
        let action = InitiativeAction()
        action.initiativeID = try initiative.requireID()
        action.title = title
        action.description = "Help mee in de keuken."
        action.kind = .task
        action.minutesNeeded = 120
        action.slots = 0
        action.online = false
        action.district = district
        action.languages = ""
        action.places = 4
        action.acceptedCount = 0
        action.status = .open
        action.createdAt = now
        action.updatedAt = now
        try await action.save(on: app.db)
        return (initiative, action)
    }
}

/// An iCalendar object read back: CRLF lines unfolded, each a name, its parameters and its value.
struct ParsedCalendar {
    struct Property {
        var name: String
        var parameters: [String: String]
        var value: String
    }

    var properties: [Property]

    init(_ text: String) {
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n\t", with: "")
        properties = unfolded.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { line in
            // The value starts after the first colon outside a quoted parameter.
            var inQuotes = false
            var split = line.endIndex
            for index in line.indices {
                if line[index] == "\"" { inQuotes.toggle() }
                if line[index] == ":" && !inQuotes {
                    split = index
                    break
                }
            }
            let head = line[..<split].split(separator: ";").map(String.init)
            var parameters: [String: String] = [:]
            for parameter in head.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { parameters[pair[0]] = pair[1] }
            }
            let value = split < line.endIndex ? String(line[line.index(after: split)...]) : ""
            return Property(name: head.first ?? "", parameters: parameters, value: value)
        }
    }

    /// The components named `name` (VEVENT, VTIMEZONE, …), each as its own properties.
    func components(_ name: String) -> [ParsedCalendar] {
        var result: [ParsedCalendar] = []
        var current: [Property]?
        var depth = 0
        for property in properties {
            if property.name == "BEGIN" && property.value == name && current == nil {
                current = []
                depth = 0
                continue
            }
            if current != nil {
                if property.name == "BEGIN" && property.value == name { depth += 1 }
                if property.name == "END" && property.value == name {
                    if depth == 0 {
                        result.append(ParsedCalendar(properties: current!))
                        current = nil
                        continue
                    }
                    depth -= 1
                }
                current?.append(property)
            }
        }
        return result
    }

    init(properties: [Property]) { self.properties = properties }

    func first(_ name: String) -> Property? { properties.first { $0.name == name } }
    func value(_ name: String) -> String? { first(name)?.value }

    /// A TEXT value with its escapes undone.
    static func unescape(_ value: String) -> String {
        var out = ""
        var escaping = false
        for character in value {
            if escaping {
                out.append(character == "n" || character == "N" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
