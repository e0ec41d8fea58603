import Foundation
import KrachtCore

/// When a series meets, as `EventSeries.rule` stores it: `monthly:<ordinal>:<weekday>` (ordinal 1–4,
/// or -1 for the last) or `weekly:<interval>:<weekday>` (every 1–4 weeks). Weekdays run 1 = Monday
/// … 7 = Sunday. Dates are made in Amsterdam's calendar, so 19:30 stays 19:30 on the wall clock
/// across the daylight-saving changes (17:30 or 18:30 UTC).
public enum RecurrenceRule: Sendable, Equatable {
    case monthly(ordinal: Int, weekday: Int)
    case weekly(interval: Int, weekday: Int)

    /// A series never makes more than this many occurrences, and spans at most two years.
    public static let maxOccurrences = 60
    public static let maxYears = 2
    public static let ordinals = [1, 2, 3, 4, -1]
    public static let intervals = 1...4
    public static let weekdays = 1...7

    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let number = Int(parts[1]), let weekday = Int(parts[2]), Self.weekdays.contains(weekday) else {
            return nil
        }
        switch parts[0] {
        case "monthly" where Self.ordinals.contains(number): self = .monthly(ordinal: number, weekday: weekday)
        case "weekly" where Self.intervals.contains(number): self = .weekly(interval: number, weekday: weekday)
        default: return nil
        }
    }

    public var text: String {
        switch self {
        case .monthly(let ordinal, let weekday): "monthly:\(ordinal):\(weekday)"
        case .weekly(let interval, let weekday): "weekly:\(interval):\(weekday)"
        }
    }

    public var weekday: Int {
        switch self {
        case .monthly(_, let weekday), .weekly(_, let weekday): weekday
        }
    }

    /// The UTC start of every occurrence on an Amsterdam day from `firstDay` to `lastDay` (both
    /// midnights), at `startMinute` local time; at most `limit` of them.
    public func dates(firstDay: Date, lastDay: Date, startMinute: Int, limit: Int = RecurrenceRule.maxOccurrences) -> [Date] {
        let calendar = AmsterdamTime.calendar
        let first = AmsterdamTime.day(firstDay)
        let last = AmsterdamTime.day(lastDay)
        guard first <= last, (0..<1440).contains(startMinute), limit > 0 else { return [] }
        var days: [DateComponents] = []
        switch self {
        case .monthly(let ordinal, let weekday):
            var month = calendar.dateComponents([.year, .month], from: firstDay)
            month.day = 1
            month.hour = 12
            // 25 months cover two years; the day filter below trims both ends.
            for _ in 0..<(12 * Self.maxYears + 1) {
                if let day = Self.day(ordinal, weekday, in: month, calendar) { days.append(day) }
                guard let start = calendar.date(from: month), let next = calendar.date(byAdding: .month, value: 1, to: start) else { break }
                month = calendar.dateComponents([.year, .month, .day, .hour], from: next)
            }
        case .weekly(let interval, let weekday):
            guard var noon = calendar.date(byAdding: .hour, value: 12, to: firstDay) else { return [] }
            // The first such weekday on or after the first day anchors the rhythm.
            let shift = (Self.calendarWeekday(weekday) - calendar.component(.weekday, from: noon) + 7) % 7
            noon = calendar.date(byAdding: .day, value: shift, to: noon) ?? noon
            for _ in 0..<(53 * Self.maxYears + 1) {
                days.append(calendar.dateComponents([.year, .month, .day], from: noon))
                guard let next = calendar.date(byAdding: .day, value: 7 * interval, to: noon) else { break }
                noon = next
            }
        }
        var starts: [Date] = []
        for day in days {
            let text = String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
            guard text >= first, text <= last else { continue }
            let local = DateComponents(
                year: day.year, month: day.month, day: day.day, hour: startMinute / 60, minute: startMinute % 60)
            guard let start = calendar.date(from: local) else { continue }
            starts.append(start)
            if starts.count == limit { break }
        }
        return starts
    }

    /// The `ordinal`th `weekday` of `month` (-1: the last); nil when the month has none.
    private static func day(_ ordinal: Int, _ weekday: Int, in month: DateComponents, _ calendar: Calendar) -> DateComponents? {
        guard let firstOfMonth = calendar.date(from: month), let days = calendar.range(of: .day, in: .month, for: firstOfMonth) else {
            return nil
        }
        let firstWeekday = calendar.component(.weekday, from: firstOfMonth)
        let firstMatch = 1 + (calendarWeekday(weekday) - firstWeekday + 7) % 7
        var day = firstMatch + 7 * (ordinal - 1)
        if ordinal == -1 {
            day = firstMatch
            while day + 7 <= days.count { day += 7 }
        }
        guard days.contains(day) else { return nil }
        return DateComponents(year: month.year, month: month.month, day: day)
    }

    /// Foundation counts 1 = Sunday … 7 = Saturday; the rule 1 = Monday … 7 = Sunday.
    static func calendarWeekday(_ weekday: Int) -> Int { weekday % 7 + 1 }

    /// "tweede", "laatste": an ordinal's name in the catalogue.
    static func ordinalKey(_ ordinal: Int) -> String { ordinal == -1 ? "events.rule.ordinal.last" : "events.rule.ordinal.\(ordinal)" }

    /// "elke tweede woensdag van de maand, 19:30" / "every second Wednesday of the month, 19:30".
    public func describe(startMinute: Int, in language: Language, catalogue: Catalogue) -> String {
        let time = String(format: "%02d:%02d", startMinute / 60, startMinute % 60)
        let weekdayName = catalogue.text("events.rule.weekday.\(weekday)", in: language)
        switch self {
        case .monthly(let ordinal, _):
            let ordinalName = catalogue.text(Self.ordinalKey(ordinal), in: language)
            return catalogue.text(
                "events.rule.monthly", in: language, ["ordinal": ordinalName, "weekday": weekdayName, "time": time])
        case .weekly(let interval, _):
            return catalogue.text("events.rule.weekly", in: language, ["weekday": weekdayName, "time": time], count: interval)
        }
    }
}
