import Foundation
import KrachtCore
import Vapor

/// How an event is said in words, the same on the agenda, its page and in the API's neighbours:
/// its time in Amsterdam, its kind, its place and the venue's accessibility.
enum EventWords {
    static let dayPattern = "EEEE d MMMM yyyy", shortDayPattern = "EEE d MMM yyyy"

    /// "woensdag 13 januari 2027, 19:30": one moment in Amsterdam time, the way pages and mails say it.
    static func when(_ date: Date, in language: Language, short: Bool = false) -> String {
        AmsterdamTime.format(date, (short ? shortDayPattern : dayPattern) + ", HH:mm", in: language)
    }

    /// "woensdag 13 januari 2027, 19:30–21:30"; an event over midnight names both days.
    static func when(_ event: Event, in language: Language, short: Bool = false) -> String {
        let start = when(event.startsAt, in: language, short: short)
        if AmsterdamTime.day(event.startsAt) == AmsterdamTime.day(event.endsAt) {
            return start + "–" + AmsterdamTime.format(event.endsAt, "HH:mm", in: language)
        }
        return start + " – " + when(event.endsAt, in: language, short: short)
    }

    static func kind(_ kind: Event.Kind, _ req: Request) -> String { req.t("events.kind.\(kind.rawValue)") }

    /// The venue's accessibility, as words ("rolstoeltoegankelijk", "ringleiding").
    static func access(_ event: Event, _ req: Request) -> [String] {
        var words: [String] = []
        if event.stepFree { words.append(req.t("events.access.step_free")) }
        if event.hearingLoop { words.append(req.t("events.access.hearing_loop")) }
        if event.quietRoom { words.append(req.t("events.access.quiet_room")) }
        return words
    }

    static func districtName(_ slug: String?, _ app: Application) -> String? {
        slug.flatMap { app.reference.district(slug: $0)?.name }
    }

    /// "Buurthuis De Meeuw · West", or "Online".
    static func place(_ event: Event, _ req: Request) -> String {
        let parts = [event.venue.isEmpty ? nil : event.venue, districtName(event.district, req.application)].compactMap { $0 }
        return parts.isEmpty ? req.t("events.page.online") : parts.joined(separator: " · ")
    }

    /// "Nog 12 plaatsen", "Vol: wachtlijst" or "Afgelast".
    static func places(_ event: Event, _ req: Request) -> String {
        if event.isCancelled { return req.t("events.agenda.cancelled") }
        if event.isFull { return req.t("events.agenda.full") }
        return req.t("events.agenda.places_left", count: event.placesLeft)
    }
}
