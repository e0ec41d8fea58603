import Fluent
import Foundation
import Fund
import Initiatives
import KrachtCore
import Vapor

/// `kracht demo`'s events: the launch two months ago with its attendance, the benefit evening for
/// the fund's running campaign in three weeks, an action day of a demo initiative, and a monthly
/// meetup in every district for the coming six months (`EventsDemoMeetups`), some nearly full.
/// Registrations are written with their counters (`EventsDemoRegistrations`), so `kracht verify` passes.
enum EventsDemo {
    static let launchSlug = "lancering-de-kracht-van-mokum"
    static let benefitSlug = "benefietavond-solidariteitsfonds"
    static let actionDaySlug = "actiedag-samen-voor-de-buurt"

    static func seed(app: Application, people: DemoPeople) async throws {
        let now = app.clock.now()
        let coordinator = try people.coordinator.requireID()
        let districts = app.reference.districts

        // The launch: a Saturday afternoon about two months ago, 200 places, ~140 came.
        let launch = try await event(
            app: app, slug: launchSlug, title: EventsDemoData.launchTitle, description: EventsDemoData.launchDescription, kind: .launch,
            day: -61, weekday: 7, hour: 14, minutes: 210, venue: "Zaal De Verbinding", address: "Stadhouderskade 10, 1054 ES Amsterdam",
            district: districts.first { $0.slug == "zuid" } ?? districts.first, capacity: 200, organiser: coordinator)
        try await EventsDemoRegistrations.add(
            to: launch, holding: EventsDemoRegistrations.people(152, residents: people.residents, use: 10, offset: 0, tag: "lancering"),
            checkedIn: 118, walkIns: walkIns(9), by: coordinator, from: launch.startsAt.addingTimeInterval(-40 * 86_400),
            until: launch.startsAt.addingTimeInterval(-86_400), app: app)
        launch.reminderSentAt = launch.startsAt.addingTimeInterval(-86_400)
        launch.thanksSentAt = launch.endsAt.addingTimeInterval(3_600)
        try await launch.save(on: app.db)

        // The benefit evening for the fund's campaign that is still running.
        let campaign = try await FundCampaign.find(slug: "winterhulp", on: app.db)
        let benefit = try await event(
            app: app, slug: benefitSlug, title: EventsDemoData.benefitTitle, description: EventsDemoData.benefitDescription,
            kind: .benefit, day: 24, weekday: 6, hour: 20, minutes: 180, venue: "Buurthuis De Meeuw",
            address: "Meeuwenlaan 1, 1021 HS Amsterdam",
            district: districts.first { $0.slug == "noord" } ?? districts.first, capacity: 120, organiser: coordinator,
            campaignID: campaign?.id)
        try await EventsDemoRegistrations.add(
            to: benefit, holding: EventsDemoRegistrations.people(38, residents: people.residents, use: 4, offset: 2, tag: "benefiet"),
            by: coordinator, from: now.addingTimeInterval(-12 * 86_400), until: now.addingTimeInterval(-3_600), app: app)

        // The action day, run by a demo initiative's organiser.
        let initiative = try await Initiative.query(on: app.db).filter(\.$status == .approved).sort(\.$createdAt).first()
        var initiator: InitiativeOrganiser?
        if let id = initiative?.id {
            initiator = try await InitiativeOrganiser.query(on: app.db).filter(\.$initiativeID == id).filter(\.$isInitiator == true).first()
        }
        let actionDay = try await event(
            app: app, slug: actionDaySlug, title: EventsDemoData.actionDayTitle, description: EventsDemoData.actionDayDescription,
            kind: .actionDay, day: 44, weekday: 7, hour: 10, minutes: 360, venue: "Sarphatipark (bij de muziektent)",
            address: "Sarphatipark, 1073 CZ Amsterdam", district: districts.first { $0.slug == initiative?.district } ?? districts.first,
            capacity: 80, organiser: initiator?.userID ?? people.initiator.id, initiativeID: initiative?.id, houseRules: false)
        try await EventsDemoRegistrations.add(
            to: actionDay, holding: EventsDemoRegistrations.people(21, residents: people.residents, use: 3, offset: 5, tag: "actiedag"),
            by: actionDay.organiserID, from: now.addingTimeInterval(-5 * 86_400), until: now.addingTimeInterval(-7_200), app: app)

        try await EventsDemoMeetups.seed(app: app, people: people)
    }

    /// Walk-ins at the launch: a name at the door, no address.
    private static func walkIns(_ count: Int) -> [EventsDemoRegistrations.Person] {
        (0..<count).map { EventsDemoRegistrations.Person(name: EventsDemoData.name(500 + $0), email: "", userID: nil) }
    }

    /// A one-off event on the `weekday` on or before `day` days from today (Amsterdam), at `hour` local time.
    static func event(
        app: Application, slug: String, title: String, description: String, kind: Event.Kind, day: Int, weekday: Int, hour: Int,
        minutes: Int,
        venue: String, address: String, district: ReferenceData.District?, capacity: Int, organiser: UUID?, initiativeID: UUID? = nil,
        campaignID: UUID? = nil, houseRules: Bool = true
    ) async throws -> Event {
        let now = app.clock.now()
        let calendar = AmsterdamTime.calendar
        var midnight = calendar.startOfDay(for: calendar.date(byAdding: .day, value: day, to: now) ?? now)
        // Back to the wanted weekday (7 = Saturday, 6 = Friday): at most six days earlier.
        let back = (calendar.component(.weekday, from: midnight) - weekday + 7) % 7
        midnight = calendar.startOfDay(for: calendar.date(byAdding: .day, value: -back, to: midnight) ?? midnight)
        let starts = calendar.date(bySettingHour: hour, minute: 0, second: 0, of: midnight) ?? midnight
        // Announced six weeks before it starts, or a week ago if that is sooner.
        let announced = min(now.addingTimeInterval(-7 * 86_400), starts.addingTimeInterval(-42 * 86_400))
        let event = Event.new(organiser: organiser, createdBy: organiser, now: announced)
        event.slug = slug
        event.title = title
        event.description = description
        event.kind = kind
        event.startsAt = starts
        event.endsAt = starts.addingTimeInterval(Double(minutes) * 60)
        event.venue = venue
        event.address = address
        event.district = district?.slug
        event.area = district?.areas.first?.slug
        event.onlineURL = nil
        event.stepFree = true
        event.hearingLoop = kind == .launch
        event.quietRoom = kind != .actionDay
        event.initiativeID = initiativeID
        event.campaignID = campaignID
        event.capacity = capacity
        event.registrationDeadline = starts
        event.askDietary = kind != .actionDay
        event.askAccessibility = true
        event.houseRules = houseRules ? EventsDemoData.houseRules : ""
        try await event.create(on: app.db)
        return event
    }
}
