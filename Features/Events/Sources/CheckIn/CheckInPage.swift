import Foundation
import KrachtCore
import Vapor

/// The page the QR code opens on the organiser's phone: who this is, with how many, what they
/// told the organiser, and one big button — or when they were checked in already.
struct CheckInPage: Encodable {
    /// False for a forged code or one of a registration that is gone (a 404 that says so).
    var found: Bool
    var name = "", party = "", status = "", eventTitle = "", when = "", attendeesPath = "", action = ""
    var dietary: String?
    var accessibility: String?
    /// "19:42", Amsterdam time.
    var checkedInAt: String?
    /// Why this person cannot be checked in (not confirmed, event cancelled).
    var problem: String?
    var canCheckIn = false
    /// The flash after a successful check-in: the page then says who is in, rather than "already".
    var doneFlash = ""
    var done = ""

    static let notFound = CheckInPage(found: false)

    init(found: Bool) { self.found = found }

    init(_ registration: EventRegistration, of event: Event, token: String, req: Request) {
        let language = req.language
        found = true
        name = registration.name
        party = req.t("events.checkin.party", count: registration.partySize)
        status = req.t("events.checkin.status.\(registration.status.rawValue)")
        eventTitle = event.title
        when = EventWords.when(event.startsAt, in: language)
        attendeesPath = EventsPath.attendees(.value(event.slug)).path
        action = EventsPath.checkIn(.value(token)).path
        dietary = registration.dietary.flatMap { $0.isEmpty ? nil : $0 }
        accessibility = registration.accessibility.flatMap { $0.isEmpty ? nil : $0 }
        doneFlash = req.t("events.checkin.done")
        if let at = registration.checkedInAt {
            let time = AmsterdamTime.format(at, "HH:mm", in: language)
            checkedInAt = req.t("events.checkin.already", ["time": time])
            done = req.t("events.checkin.done_who", count: registration.partySize, ["name": registration.name])
        } else if event.isCancelled {
            problem = req.t("events.checkin.event_cancelled")
        } else if registration.status != .confirmed {
            problem = req.t("events.checkin.not_confirmed", ["status": status])
        } else {
            canCheckIn = true
        }
    }
}
