import Foundation
import KrachtCore

/// A series' form as typed, and its check: every problem a translated message beside its field.
struct SeriesInput: Sendable {
    var title, description, kind, venue, address, district, area, onlineURL, capacity, houseRules, initiative: String?
    var frequency, ordinal, weekday, interval, startTime, duration, firstDay, lastDay: String?
    var stepFree = false, hearingLoop = false, quietRoom = false, askDietary = false, askAccessibility = false

    init() {}

    init(_ fields: FormFields) {
        (title, description, kind, venue, address) = (
            fields["title"], fields["description"], fields["kind"], fields["venue"], fields["address"]
        )
        (district, area, onlineURL, capacity) = (fields["district"], fields["area"], fields["online_url"], fields["capacity"])
        (houseRules, initiative, frequency, ordinal) = (fields["house_rules"], fields["initiative"], fields["frequency"], fields["ordinal"])
        (weekday, interval, startTime, duration) = (fields["weekday"], fields["interval"], fields["start_time"], fields["duration"])
        (firstDay, lastDay) = (fields["first_day"], fields["last_day"])
        (stepFree, hearingLoop, quietRoom) = (fields["step_free"] == "1", fields["hearing_loop"] == "1", fields["quiet_room"] == "1")
        (askDietary, askAccessibility) = (fields["ask_dietary"] == "1", fields["ask_accessibility"] == "1")
    }

    /// What the form shows again (after a refused post, or a series to edit).
    var values: [String: String] {
        [
            "title": title ?? "", "description": description ?? "", "kind": kind ?? "meetup", "venue": venue ?? "",
            "address": address ?? "", "district": district ?? "", "area": area ?? "", "online_url": onlineURL ?? "",
            "capacity": capacity ?? "", "house_rules": houseRules ?? "", "initiative": initiative ?? "",
            "frequency": frequency ?? "monthly", "ordinal": ordinal ?? "", "weekday": weekday ?? "", "interval": interval ?? "1",
            "start_time": startTime ?? "19:30", "duration": duration ?? "120", "first_day": firstDay ?? "", "last_day": lastDay ?? "",
            "step_free": stepFree ? "1" : "", "hearing_loop": hearingLoop ? "1" : "", "quiet_room": quietRoom ? "1" : "",
            "ask_dietary": askDietary ? "1" : "", "ask_accessibility": askAccessibility ? "1" : "",
        ]
    }

    static let maxTitle = 120, maxDescription = 4000, maxPlace = 200, maxURL = 300, maxHouseRules = 2000
    static let capacityRange = 1...1000
    static let durationRange = 15...720

    /// A checked series, ready to save.
    struct Draft: Sendable {
        var title, description, venue, address, houseRules: String
        var kind: Event.Kind
        var district, area, onlineURL: String?
        var initiativeID: UUID?
        var capacity, startMinute, durationMinutes: Int
        var rule: RecurrenceRule
        var firstDay, lastDay: Date
        var stepFree, hearingLoop, quietRoom, askDietary, askAccessibility: Bool
    }

    /// `initiatives`: what the series may belong to; `initiativeRequired` for an organiser who is no coordinator.
    func check(
        now: Date, reference: ReferenceData, initiatives: Set<UUID>, initiativeRequired: Bool,
        t: @escaping (String, [String: String]) -> String
    ) -> (Draft?, FormErrors) {
        var errors = FormErrors()
        let plain = { (key: String) in t(key, [:]) }
        func text(_ field: String, _ value: String?, max: Int, required: Bool = true, singleLine: Bool = true) -> String {
            let (checked, problem) = TextField.check(value, required: required, maxLength: max, singleLine: singleLine)
            if let problem { errors.add(field, TextField.message(for: problem, maxLength: max, plain)) }
            return checked
        }
        let title = text("title", title, max: Self.maxTitle)
        let description = text("description", description, max: Self.maxDescription, singleLine: false)
        let kind = kind.flatMap(Event.Kind.init(rawValue:))
        if kind == nil { errors.add("kind", plain("events.series.error.kind")) }
        let onlineText = text("online_url", onlineURL, max: Self.maxURL, required: false)
        var online: String?
        if !onlineText.isEmpty {
            if let url = URL(string: onlineText), url.scheme == "https", url.host?.isEmpty == false {
                online = onlineText
            } else {
                errors.add("online_url", plain("events.series.error.online_url"))
            }
        }
        let inPerson = online == nil
        let venue = text("venue", venue, max: Self.maxPlace, required: inPerson)
        let address = text("address", address, max: Self.maxPlace, required: inPerson)
        var district: String?, area: String?
        if let chosen = self.district.flatMap(reference.district(slug:)) {
            district = chosen.slug
            if let typed = self.area, !typed.isEmpty {
                if chosen.areas.contains(where: { $0.slug == typed }) {
                    area = typed
                } else {
                    errors.add("area", plain("events.series.error.area"))
                }
            }
        } else if inPerson || !(self.district ?? "").isEmpty {
            errors.add("district", plain("events.series.error.district"))
        }
        let capacity = FormNumber.whole(capacity, in: Self.capacityRange)
        if capacity == nil { errors.add("capacity", t("events.series.error.capacity", ["max": String(Self.capacityRange.upperBound)])) }
        let houseRules = text("house_rules", houseRules, max: Self.maxHouseRules, required: false, singleLine: false)
        var initiativeID: UUID?
        if let typed = initiative, !typed.isEmpty {
            if let id = UUID(uuidString: typed), initiatives.contains(id) {
                initiativeID = id
            } else {
                errors.add("initiative", plain("events.series.error.initiative"))
            }
        } else if initiativeRequired {
            errors.add("initiative", plain("events.series.error.initiative"))
        }
        let rule = self.rule
        if rule == nil { errors.add("weekday", plain("events.series.error.rule")) }
        let startMinute = FormNumber.clockMinutes(startTime)
        if startMinute == nil { errors.add("start_time", plain("events.series.error.start_time")) }
        let duration = FormNumber.whole(duration, in: Self.durationRange)
        if duration == nil { errors.add("duration", t("events.series.error.duration", ["min": "15", "max": "720"])) }
        let firstDay = (firstDay ?? "").count <= 10 ? AmsterdamTime.parseDay(firstDay ?? "") : nil
        let lastDay = (lastDay ?? "").count <= 10 ? AmsterdamTime.parseDay(lastDay ?? "") : nil
        if firstDay == nil { errors.add("first_day", plain("events.series.error.day")) }
        if lastDay == nil { errors.add("last_day", plain("events.series.error.day")) }
        if let firstDay, let lastDay {
            let latest = AmsterdamTime.calendar.date(byAdding: .year, value: RecurrenceRule.maxYears, to: firstDay) ?? firstDay
            if lastDay < firstDay {
                errors.add("last_day", plain("events.series.error.last_before_first"))
            } else if lastDay > latest {
                errors.add("last_day", t("events.series.error.too_long", ["years": String(RecurrenceRule.maxYears)]))
            } else if let rule, let startMinute {
                let dates = rule.dates(
                    firstDay: firstDay, lastDay: lastDay, startMinute: startMinute, limit: RecurrenceRule.maxOccurrences + 1)
                if !dates.contains(where: { $0 > now }) {
                    errors.add("first_day", plain("events.series.error.no_dates"))
                } else if dates.count > RecurrenceRule.maxOccurrences {
                    errors.add("last_day", t("events.series.error.too_many", ["max": String(RecurrenceRule.maxOccurrences)]))
                }
            }
        }
        guard errors.isEmpty, let kind, let capacity, let rule, let startMinute, let duration, let firstDay, let lastDay else {
            return (nil, errors)
        }
        let draft = Draft(
            title: title, description: description, venue: venue, address: address, houseRules: houseRules, kind: kind,
            district: district, area: area, onlineURL: online, initiativeID: initiativeID, capacity: capacity,
            startMinute: startMinute, durationMinutes: duration, rule: rule, firstDay: firstDay, lastDay: lastDay,
            stepFree: stepFree, hearingLoop: hearingLoop, quietRoom: quietRoom, askDietary: askDietary,
            askAccessibility: askAccessibility)
        return (draft, errors)
    }

    /// The rule the frequency, ordinal, weekday and interval fields make; nil when they make none.
    var rule: RecurrenceRule? {
        guard let weekday = FormNumber.whole(weekday, in: RecurrenceRule.weekdays) else { return nil }
        switch frequency {
        case "monthly": return FormNumber.whole(ordinal, in: -1...4).flatMap { RecurrenceRule("monthly:\($0):\(weekday)") }
        case "weekly": return FormNumber.whole(interval, in: RecurrenceRule.intervals).flatMap { RecurrenceRule("weekly:\($0):\(weekday)") }
        default: return nil
        }
    }

    /// An existing series as its form shows it.
    static func of(_ series: EventSeries) -> SeriesInput {
        var input = SeriesInput()
        (input.title, input.description, input.kind) = (series.title, series.description, series.kind.rawValue)
        (input.venue, input.address, input.district, input.area) = (series.venue, series.address, series.district, series.area)
        (input.onlineURL, input.capacity, input.houseRules) = (series.onlineURL, String(series.capacity), series.houseRules)
        input.initiative = series.initiativeID?.uuidString
        switch RecurrenceRule(series.rule) {
        case .monthly(let ordinal, let weekday):
            (input.frequency, input.ordinal, input.weekday) = ("monthly", String(ordinal), String(weekday))
        case .weekly(let interval, let weekday):
            (input.frequency, input.interval, input.weekday) = ("weekly", String(interval), String(weekday))
        case nil: break
        }
        input.startTime = String(format: "%02d:%02d", series.startMinute / 60, series.startMinute % 60)
        input.duration = String(series.durationMinutes)
        (input.firstDay, input.lastDay) = (AmsterdamTime.day(series.firstDay), AmsterdamTime.day(series.lastDay))
        (input.stepFree, input.hearingLoop, input.quietRoom) = (series.stepFree, series.hearingLoop, series.quietRoom)
        (input.askDietary, input.askAccessibility) = (series.askDietary, series.askAccessibility)
        return input
    }
}
