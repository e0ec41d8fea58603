import Fluent
import Foundation
import KrachtCore
import Vapor

/// The demo's monthly "Buurtgesprek" in every district for the coming six months: a series per
/// district (an hour of dialogue on one theme, then drinks, weekday evenings at 19:30, a
/// different evening per district), its occurrences made by `SeriesOccurrences.sync`; the next
/// ones partly booked, a few nearly full, one full with a waitlist.
enum EventsDemoMeetups {
    static let capacity = 30

    static func seed(app: Application, people: DemoPeople) async throws {
        let now = app.clock.now()
        let coordinator = try people.coordinator.requireID()
        let firstDay = AmsterdamTime.calendar.startOfDay(for: now)
        let lastDay = AmsterdamTime.calendar.date(byAdding: .month, value: 6, to: firstDay) ?? firstDay
        for (n, district) in app.reference.districts.enumerated() {
            let venue = EventsDemoData.venues[n % EventsDemoData.venues.count]
            let day = EventsDemoData.meetupDays[n % EventsDemoData.meetupDays.count]
            let series = EventSeries()
            series.title = EventsDemoData.meetupTitle(district.name)
            series.description = EventsDemoData.meetupDescription(
                district.name, theme: EventsDemoData.themes[n % EventsDemoData.themes.count])
            series.kind = .meetup
            series.rule = "monthly:\(day.ordinal):\(day.weekday)"
            series.startMinute = 19 * 60 + 30
            series.durationMinutes = 150
            series.firstDay = firstDay
            series.lastDay = lastDay
            series.venue = venue.name
            series.address = venue.address
            series.district = district.slug
            series.area = district.areas.first?.slug
            series.onlineURL = nil
            series.stepFree = n % 3 != 2
            series.hearingLoop = n % 2 == 0
            series.quietRoom = false
            series.organiserID = coordinator
            series.initiativeID = nil
            series.capacity = capacity
            series.askDietary = true
            series.askAccessibility = true
            series.houseRules = EventsDemoData.houseRules
            series.status = .scheduled
            series.createdBy = coordinator
            series.createdAt = now.addingTimeInterval(-14 * 86_400)
            series.updatedAt = series.createdAt
            try await app.db.writeTransaction { db in
                try await series.create(on: db)
                try await SeriesOccurrences.sync(series, app: app, now: now, on: db)
            }

            let occurrences = try await Event.query(on: app.db).filter(\.$seriesID == series.requireID()).sort(\.$startsAt).all()
            for (o, occurrence) in occurrences.prefix(2).enumerated() {
                let (holding, waiting) = booked(district: n, occurrence: o)
                let people = EventsDemoRegistrations.people(
                    holding + waiting, residents: people.residents, use: o == 0 ? 3 : 1, offset: n + o, tag: "buurtgesprek-\(n)-\(o)")
                let from = max(series.createdAt, occurrence.startsAt.addingTimeInterval(-30 * 86_400))
                try await EventsDemoRegistrations.add(
                    to: occurrence, holding: fitting(people.prefix(holding), places: holding), waitlist: Array(people.dropFirst(holding)),
                    by: coordinator, from: from, until: min(now.addingTimeInterval(-600), occurrence.startsAt), app: app)
            }
            // Noord's third meeting is called off (the community centre is being renovated); nobody had registered yet.
            if district.slug == "noord", occurrences.count > 2 {
                let calledOff = occurrences[2]
                let before = calledOff.calendarFace
                calledOff.status = .cancelled
                calledOff.bumpSequence(since: before)
                try await calledOff.save(on: app.db)
            }
        }
    }

    /// How many places are taken at the district's first and second meeting and how many wait:
    /// West's next meeting is full with a waitlist, two more are nearly full, the rest partly booked.
    private static func booked(district n: Int, occurrence o: Int) -> (holding: Int, waiting: Int) {
        if o == 1 { return (2 + n % 4, 0) }
        switch n {
        case 1: return (capacity, 4)
        case 0, 3: return (capacity - 4, 0)
        default: return (4 + (n * 3) % 9, 0)
        }
    }

    /// The first people whose places (guests included) fit; guests dropped for the one who would overflow.
    private static func fitting(_ people: ArraySlice<EventsDemoRegistrations.Person>, places: Int) -> [EventsDemoRegistrations.Person] {
        var left = places
        var result: [EventsDemoRegistrations.Person] = []
        for var person in people where left > 0 {
            person.guests = min(person.guests, left - 1)
            left -= person.partySize
            result.append(person)
        }
        return result
    }
}
