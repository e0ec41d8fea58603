import Foundation
import KrachtCore
import Vapor

/// What every mail about an event says of it, in the recipient's language: title, when, where,
/// the venue's accessibility and the event's page.
struct EventMailFacts {
    let app: Application

    func context(_ event: Event, in language: Language) -> [String: String] {
        [
            "title": event.title, "when": EventWords.when(event, in: language), "where": place(event, in: language),
            "access": access(event, in: language), "eventLink": EventsPath.event(.value(event.slug)).url(on: app),
        ]
    }

    func place(_ event: Event, in language: Language) -> String {
        let place = [event.venue, event.address].filter { !$0.isEmpty }.joined(separator: ", ")
        if let online = event.onlineURL, !online.isEmpty {
            return place.isEmpty ? online : place + " · " + text("events.mail.online", language, ["link": online])
        }
        return place
    }

    /// "Rolstoeltoegankelijk, ringleiding" or "no step-free access reported".
    func access(_ event: Event, in language: Language) -> String {
        var features: [String] = []
        if event.stepFree { features.append(text("events.mail.access.step_free", language)) }
        if event.hearingLoop { features.append(text("events.mail.access.hearing_loop", language)) }
        if event.quietRoom { features.append(text("events.mail.access.quiet_room", language)) }
        return features.isEmpty ? text("events.mail.access.none", language) : features.joined(separator: ", ")
    }

    func text(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        app.catalogue.text(key, in: language, arguments)
    }

    /// The event as an `.ics` attachment, as a calendar should file it now.
    func calendarFile(_ event: Event) -> MailAttachment {
        let body = ICalendar(name: event.title, baseURL: app.config.baseURL, now: app.clock.now()).render([event])
        return MailAttachment(
            filename: event.slug + ".ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH", data: Data(body.utf8))
    }
}
