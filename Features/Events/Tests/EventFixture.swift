import Events
import Fluent
import Foundation
import Fund
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor

/// Events made straight in the database, for tests that need one before the forms are used:
/// a meetup in West, starting `startsIn` from the app's clock, two hours long.
enum EventFixture {
    /// What an events test runs with: events point at initiatives and fund campaigns.
    static let features: [any Feature] = [FundFeature(), InitiativesFeature(), EventsFeature()]

    static func event(
        _ app: Application, slug: String = "buurtgesprek-west", title: String = "Buurtgesprek West", capacity: Int = 20,
        startsIn: TimeInterval = 7 * 86_400, organiser: User? = nil, kind: Event.Kind = .meetup, district: String? = "west",
        ticketPriceCents: Int64 = 0, houseRules: String = "", campaignID: UUID? = nil, initiativeID: UUID? = nil
    ) async throws -> Event {
        let now = app.clock.now()
        let event = Event.new(organiser: try organiser?.requireID(), createdBy: nil, now: now)
        event.slug = slug
        event.title = title
        event.description = "Een uur gesprek over één thema, daarna een drankje."
        event.kind = kind
        event.startsAt = now.addingTimeInterval(startsIn)
        event.endsAt = event.startsAt.addingTimeInterval(2 * 3600)
        event.venue = "Buurthuis De Meeuw"
        event.address = "Meeuwenlaan 1, Amsterdam"
        event.district = district
        event.area = nil
        event.onlineURL = nil
        event.stepFree = true
        event.hearingLoop = false
        event.quietRoom = false
        event.initiativeID = initiativeID
        event.campaignID = campaignID
        event.capacity = capacity
        event.registrationDeadline = event.startsAt
        event.ticketPriceCents = ticketPriceCents
        event.askDietary = true
        event.askAccessibility = true
        event.houseRules = houseRules
        try await event.save(on: app.db)
        return event
    }
}
