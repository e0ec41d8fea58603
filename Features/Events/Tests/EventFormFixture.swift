import Events
import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor

/// What the form tests fill in, and the initiatives and series they need.
enum EventFormFixture {
    /// The Amsterdam day `days` from the app's clock, as a date field sends it.
    static func day(_ app: Application, in days: Int) -> String {
        AmsterdamTime.day(app.clock.now().addingTimeInterval(Double(days) * 86_400))
    }

    static func valid(day: String) -> [String: String] {
        [
            "kind": "meetup", "title": "Buurtgesprek West", "description": "Een uur gesprek over wonen.\nDaarna een drankje.",
            "date": day, "start": "19:30", "end": "21:30", "venue": "Buurthuis De Meeuw", "address": "Meeuwenlaan 1",
            "district": "west", "area": "westerpark", "capacity": "40", "step_free": "1", "ask_dietary": "1",
        ]
    }

    /// The edit form's fields as the page fills them in.
    static func fields(of event: Event, _ browser: Browser) async throws -> [String: String] {
        var fields = valid(day: AmsterdamTime.day(event.startsAt))
        fields["title"] = event.title
        fields["start"] = AmsterdamTime.format(event.startsAt, "HH:mm", in: .nl)
        fields["end"] = AmsterdamTime.format(event.endsAt, "HH:mm", in: .nl)
        fields["end_date"] = AmsterdamTime.day(event.endsAt)
        fields["capacity"] = String(event.capacity)
        fields["area"] = ""
        return fields
    }

    static func initiative(_ app: Application, slug: String, organiser: User) async throws -> Initiative {
        let now = app.clock.now()
        let initiative = Initiative()
        initiative.slug = slug
        initiative.name = "Initiatief \(slug)"
        initiative.summary = "Een initiatief om te testen."
        initiative.why = "Omdat het kan."
        initiative.underFlag = false
        initiative.status = .approved
        initiative.createdBy = try organiser.requireID()
        initiative.createdAt = now
        initiative.updatedAt = now
        initiative.confirmedMinutes = 0
        initiative.peopleReached = 0
        initiative.peopleConnected = 0
        try await initiative.create(on: app.db)
        let row = InitiativeOrganiser()
        row.initiativeID = try initiative.requireID()
        row.userID = try organiser.requireID()
        row.isInitiator = true
        row.addedAt = now
        try await row.create(on: app.db)
        return initiative
    }

    /// Makes `event` an occurrence of a monthly series.
    static func series(_ app: Application, of event: Event) async throws -> UUID {
        let now = app.clock.now()
        let series = EventSeries()
        series.title = event.title
        series.description = event.description
        series.kind = event.kind
        series.rule = "monthly:2:3"
        series.startMinute = 1170
        series.durationMinutes = 120
        series.firstDay = now
        series.lastDay = now.addingTimeInterval(90 * 86_400)
        series.venue = event.venue
        series.address = event.address
        series.district = event.district
        series.stepFree = true
        series.hearingLoop = false
        series.quietRoom = false
        series.organiserID = event.organiserID
        series.capacity = event.capacity
        series.askDietary = false
        series.askAccessibility = false
        series.houseRules = ""
        series.status = .scheduled
        series.createdAt = now
        series.updatedAt = now
        try await series.create(on: app.db)
        event.seriesID = try series.requireID()
        event.seriesStart = event.startsAt
        try await event.save(on: app.db)
        return try series.requireID()
    }
}
