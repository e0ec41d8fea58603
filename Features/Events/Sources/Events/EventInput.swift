import Foundation
import KrachtCore

/// The event form as typed, and its checks that need no database: every problem a translated
/// message beside its field. Times are typed in Amsterdam's local time.
struct EventInput: Sendable {
    static let titleLength = 3...120, maxDescription = 5_000, maxVenue = 200, maxAddress = 300
    static let maxURL = 500, maxHouseRules = 2_000, capacityRange = 1...5_000, maxPriceCents: Int64 = 50_000
    static let textFields = [
        "kind", "title", "description", "date", "start", "end", "end_date", "venue", "address", "district", "area", "online_url",
        "capacity", "deadline_date", "deadline_time", "initiative", "campaign", "price", "house_rules",
    ]
    static let checkboxes = ["step_free", "hearing_loop", "quiet_room", "ask_dietary", "ask_accessibility"]

    var values: [String: String] = [:]
    var checked: Set<String> = []

    init() {}

    init(_ fields: FormFields) {
        for name in Self.textFields { values[name] = fields[name] ?? "" }
        checked = Set(Self.checkboxes.filter { fields[$0] == "1" })
    }

    subscript(_ name: String) -> String { values[name] ?? "" }

    /// A checked event, ready to save.
    struct Draft: Sendable {
        var kind: Event.Kind
        var title, description, venue, address, houseRules: String
        var startsAt, endsAt: Date
        var deadline: Date?
        var district, area, onlineURL: String?
        var stepFree, hearingLoop, quietRoom, askDietary, askAccessibility: Bool
        var capacity: Int
        var initiativeID, campaignID: UUID?
        var priceCents: Int64
    }

    func check(reference: ReferenceData, t: @escaping (String, [String: String]) -> String) -> (Draft?, FormErrors) {
        var errors = FormErrors()
        let plain = { (key: String) in t(key, [:]) }
        func text(_ field: String, max: Int, required: Bool = true, singleLine: Bool = true) -> String {
            let (value, problem) = TextField.check(self[field], required: required, maxLength: max, singleLine: singleLine)
            if let problem { errors.add(field, TextField.message(for: problem, maxLength: max, plain)) }
            return value
        }
        let kind = Event.Kind(rawValue: self["kind"])
        if kind == nil { errors.add("kind", plain("events.form.error.kind")) }
        let title = text("title", max: Self.titleLength.upperBound)
        if !title.isEmpty && title.count < Self.titleLength.lowerBound { errors.add("title", plain("events.form.error.title_short")) }
        let description = text("description", max: Self.maxDescription, singleLine: false)

        let startsAt = Self.moment(day: self["date"], time: self["start"])
        if startsAt == nil { errors.add("date", plain("events.form.error.when")) }
        let endDay = self["end_date"].trimmingCharacters(in: .whitespaces).isEmpty ? self["date"] : self["end_date"]
        let endsAt = Self.moment(day: endDay, time: self["end"])
        if startsAt != nil && endsAt == nil { errors.add("end", plain("events.form.error.end")) }
        if let startsAt, let endsAt {
            if endsAt <= startsAt {
                errors.add("end", plain("events.form.error.end_before_start"))
            } else if endsAt.timeIntervalSince(startsAt) > Event.longestEvent {
                errors.add("end", plain("events.form.error.too_long"))
            }
        }

        let venue = text("venue", max: Self.maxVenue, required: false)
        let address = text("address", max: Self.maxAddress, required: false)
        let url = self["online_url"].trimmingCharacters(in: .whitespaces)
        if !url.isEmpty && !Self.isHTTPS(url) { errors.add("online_url", plain("events.form.error.url")) }
        if venue.isEmpty && url.isEmpty { errors.add("venue", plain("events.form.error.place")) }
        let district = self["district"].isEmpty ? nil : reference.district(slug: self["district"])
        if !self["district"].isEmpty && district == nil { errors.add("district", plain("events.form.error.district")) }
        var area: String?
        if !self["area"].isEmpty {
            if let district, district.areas.contains(where: { $0.slug == self["area"] }) {
                area = self["area"]
            } else {
                errors.add("area", plain("events.form.error.area"))
            }
        }

        let capacity = FormNumber.whole(self["capacity"], in: Self.capacityRange)
        if capacity == nil { errors.add("capacity", t("events.form.error.capacity", ["max": "5000"])) }

        var deadline: Date?
        if !self["deadline_date"].isEmpty || !self["deadline_time"].isEmpty {
            deadline = Self.moment(day: self["deadline_date"], time: self["deadline_time"])
            if deadline == nil {
                errors.add("deadline_date", plain("events.form.error.deadline"))
            } else if let deadline, let startsAt, deadline > startsAt {
                errors.add("deadline_date", plain("events.form.error.deadline_after_start"))
            }
        }

        let initiativeID = self["initiative"].isEmpty ? nil : UUID(uuidString: self["initiative"])
        if !self["initiative"].isEmpty && initiativeID == nil { errors.add("initiative", plain("events.form.error.initiative")) }
        let campaignID = self["campaign"].isEmpty ? nil : UUID(uuidString: self["campaign"])
        if !self["campaign"].isEmpty && campaignID == nil { errors.add("campaign", plain("events.form.error.campaign")) }

        var priceCents: Int64 = 0
        if !self["price"].trimmingCharacters(in: .whitespaces).isEmpty {
            if let cents = Money.parseCents(self["price"]), cents <= Self.maxPriceCents {
                priceCents = cents
            } else {
                errors.add("price", t("events.form.error.price", ["max": "500"]))
            }
        }
        let houseRules = text("house_rules", max: Self.maxHouseRules, required: false, singleLine: false)

        guard errors.isEmpty, let kind, let startsAt, let endsAt, let capacity else { return (nil, errors) }
        return (
            Draft(
                kind: kind, title: title, description: description, venue: venue, address: address, houseRules: houseRules,
                startsAt: startsAt, endsAt: endsAt, deadline: deadline, district: district?.slug, area: area,
                onlineURL: url.isEmpty ? nil : url, stepFree: checked.contains("step_free"), hearingLoop: checked.contains("hearing_loop"),
                quietRoom: checked.contains("quiet_room"), askDietary: checked.contains("ask_dietary"),
                askAccessibility: checked.contains("ask_accessibility"), capacity: capacity, initiativeID: initiativeID,
                campaignID: campaignID, priceCents: priceCents),
            errors
        )
    }

    /// A day (`2027-01-13`) and a wall-clock time (`19:30`) in Amsterdam; nil for anything else.
    static func moment(day: String, time: String) -> Date? {
        guard let start = AmsterdamTime.parseDay(day.trimmingCharacters(in: .whitespaces)), let minutes = FormNumber.clockMinutes(time)
        else {
            return nil
        }
        // From noon, so a day with a clock change still gets its wall-clock time.
        return AmsterdamTime.calendar.date(
            bySettingHour: minutes / 60, minute: minutes % 60, second: 0, of: start.addingTimeInterval(12 * 3600))
    }

    /// An https link with a host, no spaces or control characters.
    static func isHTTPS(_ text: String) -> Bool {
        guard text.count <= maxURL, !text.unicodeScalars.contains(where: { $0.value <= 0x20 || TextField.isForbidden($0) }),
            let url = URLComponents(string: text), url.scheme?.lowercased() == "https", let host = url.host, host.contains("."),
            url.user == nil
        else { return false }
        return true
    }
}
