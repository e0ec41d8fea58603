import Foundation
import KrachtCore

/// An action's when, where and how long, in words (Amsterdam time), for its page, its summary on
/// the initiative's page and the mail that tells a resident they are in.
struct ActionFacts: Encodable, Sendable {
    var kind, when, place, time: String
    var languages: String?

    init(
        _ action: InitiativeAction, reference: ReferenceData, t: (String, [String: String]) -> String, language: Language
    ) {
        kind = t("initiatives.action.kind.\(action.kind.rawValue)", [:])
        switch action.kind {
        case .task:
            when = action.startsAt.map { AmsterdamTime.format($0, "EEEE d MMMM yyyy, HH:mm", in: language) } ?? ""
        case .shift:
            if let day = action.weekday, let part = action.dayPart.flatMap(AvailabilityGrid.DayPart.init(rawValue:)) {
                when = ShiftWords.every(weekday: day, part: part, capitalised: true, t)
            } else {
                when = ""
            }
        case .role:
            when =
                action.startsAt.map { t("initiatives.action.when.role_from", ["date": AmsterdamTime.date($0, in: language)]) }
                ?? t("initiatives.action.when.role", [:])
        }
        if action.online {
            place = t("initiatives.action.online", [:])
        } else {
            let district = action.district.flatMap(reference.district(slug:))
            let area = district?.areas.first { $0.slug == action.area }
            place = [area?.name, district?.name].compactMap { $0 }.joined(separator: ", ")
        }
        let hours = action.minutesNeeded / 60
        let minutes = action.minutesNeeded % 60
        time =
            hours == 0
            ? t("initiatives.action.minutes", ["minutes": String(minutes)])
            : minutes == 0
                ? t("initiatives.action.hours", ["hours": String(hours)])
                : t("initiatives.action.hours_minutes", ["hours": String(hours), "minutes": String(minutes)])
        let names = SpokenLanguage.split(action.languages).compactMap(SpokenLanguage.name(of:))
        languages = names.isEmpty ? nil : names.joined(separator: ", ")
    }

    /// "Nog 3 plekken" or "Vol".
    static func placesLeft(_ action: InitiativeAction, t: (String, Int) -> String, full: String) -> String {
        action.isFull ? full : t("initiatives.action.places_left", action.places - action.acceptedCount)
    }
}
