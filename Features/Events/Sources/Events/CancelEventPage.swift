import Fluent
import Foundation
import KrachtCore
import Vapor

/// The question before an event is called off: what happens, and how many people get a mail
/// (everyone registered or waiting with an address, as `EventMails.changed` writes to).
struct CancelEventPage: Encodable {
    var title, when, action, backPath: String
    var mails: Int

    static func load(_ event: Event, req: Request) async throws -> CancelEventPage {
        let active = EventRegistration.Status.holding + [.waitlisted]
        let mails = try await EventRegistration.query(on: req.db).filter(\.$eventID == event.requireID())
            .filter(\.$status ~~ active).filter(\.$email != "").count()
        let slug = Parameter<String>.value(event.slug)
        return CancelEventPage(
            title: event.title, when: EventWords.when(event, in: req.language), action: EventsPath.cancelEvent(slug).path,
            backPath: EventsPath.event(slug).path, mails: mails)
    }
}
