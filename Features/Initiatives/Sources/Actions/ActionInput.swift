import Foundation
import KrachtCore

/// An action's form as typed, and its check: every problem a translated message beside its field.
struct ActionInput: Sendable {
    var title, description, kind, date, time, weekday, dayPart, startDate, skills, minutes, district, area, places: String?
    var online = false
    var languages: [String] = []

    init() {}

    init(_ fields: FormFields) {
        title = fields["title"]
        description = fields["description"]
        kind = fields["kind"]
        date = fields["date"]
        time = fields["time"]
        weekday = fields["weekday"]
        dayPart = fields["day_part"]
        startDate = fields["start_date"]
        skills = fields["skills"]
        minutes = fields["minutes"]
        online = fields["online"] == "1"
        district = fields["district"]
        area = fields["area"]
        languages = Array(fields.values("languages").prefix(SpokenLanguage.all.count + 1))
        places = fields["places"]
    }

    /// What the form's fields show again (after a refused post, or an action to edit).
    var values: [String: String] {
        [
            "title": title ?? "", "description": description ?? "", "kind": kind ?? "task", "date": date ?? "", "time": time ?? "",
            "weekday": weekday ?? "", "day_part": dayPart ?? "", "start_date": startDate ?? "", "skills": skills ?? "",
            "minutes": minutes ?? "", "online": online ? "1" : "", "district": district ?? "", "area": area ?? "", "places": places ?? "",
        ]
    }

    static let maxTitle = 120
    static let maxDescription = 2000
    static let minutesRange = 15...1440
    static let placesRange = 1...500

    /// A checked action, ready to save.
    struct Draft: Sendable {
        var title, description: String
        var kind: InitiativeAction.Kind
        var startsAt: Date?
        var weekday: Int?
        var dayPart: AvailabilityGrid.DayPart?
        var slots: Int
        var skills: [String]
        var minutes: Int
        var online: Bool
        var district, area: String?
        var languages: String
        var places: Int
    }

    func check(now: Date, reference: ReferenceData, t: @escaping (String, [String: String]) -> String) -> (Draft?, FormErrors) {
        var errors = FormErrors()
        let plain = { (key: String) in t(key, [:]) }
        let (title, titleProblem) = TextField.check(title, maxLength: Self.maxTitle)
        if let titleProblem { errors.add("title", TextField.message(for: titleProblem, maxLength: Self.maxTitle, plain)) }
        let (description, descriptionProblem) = TextField.check(description, maxLength: Self.maxDescription, singleLine: false)
        if let descriptionProblem {
            errors.add("description", TextField.message(for: descriptionProblem, maxLength: Self.maxDescription, plain))
        }
        let kind = kind.flatMap(InitiativeAction.Kind.init(rawValue:))
        if kind == nil { errors.add("kind", plain("initiatives.action.error.kind")) }
        var startsAt: Date?
        var weekday: Int?
        var dayPart: AvailabilityGrid.DayPart?
        var slots = 0
        switch kind {
        case .task:
            if let day = date.flatMap(AmsterdamTime.parseDay), let minutes = FormNumber.clockMinutes(time) {
                startsAt = day.addingTimeInterval(Double(minutes) * 60)
                // A day with a clock change: the wall-clock time, not the hours since midnight.
                if let fixed = AmsterdamTime.calendar.date(
                    bySettingHour: minutes / 60, minute: minutes % 60, second: 0, of: day.addingTimeInterval(12 * 3600))
                {
                    startsAt = fixed
                }
                if let start = startsAt, start <= now { errors.add("date", plain("initiatives.action.error.past")) }
                if let start = startsAt { slots = AvailabilityGrid.of(start).bits }
            } else {
                errors.add("date", plain("initiatives.action.error.when"))
            }
        case .shift:
            weekday = self.weekday.flatMap { Int($0) }.flatMap { AvailabilityGrid.weekdays.contains($0) ? $0 : nil }
            dayPart = self.dayPart.flatMap(AvailabilityGrid.DayPart.init(rawValue:))
            if let weekday, let dayPart {
                slots = AvailabilityGrid.bit(weekday: weekday, part: dayPart)
            } else {
                errors.add("weekday", plain("initiatives.action.error.shift"))
            }
        case .role:
            if let text = startDate?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                if let day = AmsterdamTime.parseDay(text) {
                    startsAt = day
                } else {
                    errors.add("start_date", plain("initiatives.action.error.date"))
                }
            }
        case nil: break
        }
        let (skills, skillProblem) = SkillList.split(self.skills)
        if let skillProblem { errors.add("skills", SkillList.message(for: skillProblem, t)) }
        let minutes = FormNumber.whole(self.minutes, in: Self.minutesRange)
        if minutes == nil {
            errors.add("minutes", t("initiatives.action.error.minutes", ["min": "15", "max": "1440"]))
        }
        var district: String?
        var area: String?
        if !online {
            let chosen = self.district.flatMap(reference.district(slug:))
            if let chosen {
                district = chosen.slug
                if let typed = self.area, !typed.isEmpty {
                    if chosen.areas.contains(where: { $0.slug == typed }) {
                        area = typed
                    } else {
                        errors.add("area", plain("initiatives.action.error.area"))
                    }
                }
            } else {
                errors.add("district", plain("initiatives.action.error.place"))
            }
        }
        let languages = SpokenLanguage.join(languages)
        if languages == nil { errors.add("languages", plain("initiatives.action.error.languages")) }
        let places = FormNumber.whole(self.places, in: Self.placesRange)
        if places == nil { errors.add("places", t("initiatives.action.error.places", ["min": "1", "max": "500"])) }
        guard errors.isEmpty, let kind, let minutes, let languages, let places else { return (nil, errors) }
        return (
            Draft(
                title: title, description: description, kind: kind, startsAt: startsAt, weekday: weekday, dayPart: dayPart, slots: slots,
                skills: skills, minutes: minutes, online: online, district: district, area: area, languages: languages, places: places),
            errors
        )
    }
}
