import Fluent
import Foundation
import Initiatives
import KrachtCore
import Vapor

/// Everything the event page says, in plain words; the registration and campaign sections are
/// their owners' (`RegistrationSection`, `CampaignSection`), embedded as partials.
struct EventPage: Encodable {
    struct Link: Encodable { var name, path: String }

    var title, description, kind, when: String
    var venue, address: String
    var district, area, onlineURL: String?
    var access: [String]
    var places: String
    var price: String?
    var organiser: String?
    var initiative: Link?
    var seriesPath: String?
    var calendarPath, agendaPath: String
    var cancelled, past: Bool
    var attended: Int
    var registration: RegistrationSection
    var campaign: CampaignSection?
    var organises: Bool
    var editPath, attendeesPath, cancelPath: String

    static func load(_ event: Event, req: Request) async throws -> EventPage {
        let app = req.application
        let viewer = req.auth.get(User.self)
        let slug = Parameter<String>.value(event.slug)
        let organiser = try await User.find(event.organiserID, on: req.db)
        let initiative = try await Initiative.find(event.initiativeID, on: req.db)
        return EventPage(
            title: event.title, description: event.description, kind: EventWords.kind(event.kind, req),
            when: EventWords.when(event, in: req.language), venue: event.venue, address: event.address,
            district: EventWords.districtName(event.district, app),
            area: event.area.flatMap { app.reference.area(slug: $0)?.name }, onlineURL: event.onlineURL,
            access: EventWords.access(event, req), places: EventWords.places(event, req),
            price: event.isPaid ? Money.format(cents: event.ticketPriceCents, in: req.language) : nil,
            organiser: organiser.map { PublicName.short($0.name) },
            initiative: initiative.flatMap {
                $0.isPublic ? Link(name: $0.name, path: InitiativesPath.initiative(.value($0.slug)).path) : nil
            },
            seriesPath: event.seriesID != nil ? event.district.map { EventsPath.district(.value($0)).path } : nil,
            calendarPath: EventsPath.eventCalendar(slug).path, agendaPath: EventsPath.agenda().path,
            cancelled: event.isCancelled, past: event.hasEnded(at: req.now), attended: event.attended,
            registration: try await RegistrationSection.load(for: event, viewer: viewer, req: req),
            campaign: try await CampaignSection.load(for: event, req: req),
            organises: try await EventAccess.canOrganise(viewer, event, on: req.db),
            editPath: EventsPath.edit(slug).path, attendeesPath: EventsPath.attendees(slug).path,
            cancelPath: EventsPath.cancelEvent(slug).path)
    }
}
