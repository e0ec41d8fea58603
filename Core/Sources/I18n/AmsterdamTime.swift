import Foundation
import NIOConcurrencyHelpers

/// Times are stored in UTC and shown in Amsterdam's time zone.
public enum AmsterdamTime {
    public static let zone = TimeZone(identifier: "Europe/Amsterdam")!

    /// "23 november 2026" / "23 November 2026".
    public static func date(_ date: Date?, in language: Language) -> String {
        guard let date else { return "" }
        return format(date, "d MMMM yyyy", in: language)
    }

    /// "november 2026" / "November 2026": a month, as people read it.
    public static func monthName(_ date: Date, in language: Language) -> String { format(date, "LLLL yyyy", in: language) }

    /// `date` in Amsterdam in a `DateFormatter` pattern. A formatter is costly to make (every
    /// confirmation mail and wall entry asks for one): one per pattern and language, used under a lock.
    public static func format(_ date: Date, _ pattern: String, in language: Language) -> String {
        formatters.withLockedValue { formatters in
            let key = pattern + "|" + language.rawValue
            if let formatter = formatters[key] { return formatter.string(from: date) }
            let formatter = DateFormatter()
            formatter.timeZone = zone
            formatter.locale = language.locale
            formatter.dateFormat = pattern
            formatters[key] = formatter
            return formatter.string(from: date)
        }
    }

    private static let formatters = NIOLockedValueBox<[String: DateFormatter]>([:])

    /// Amsterdam's calendar, built once: pages count days in loops (a campaign's ~90 days).
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }()

    /// "2026-11-23": a day in Amsterdam, for grouping.
    public static func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// "2026-11": a month in Amsterdam, for monthly totals.
    public static func month(of date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
    }

    /// The start (midnight in Amsterdam) of a day written `2026-11-23`, as a date field sends
    /// it; nil for anything else, also for a day that does not exist (`2026-02-30`).
    public static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts.map(\.count) == [4, 2, 2],
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            let start = calendar.date(from: DateComponents(year: year, month: month, day: day)),
            Self.day(start) == text
        else { return nil }
        return start
    }

    /// The year it is in Amsterdam at `date` (on New Year's Eve after 23:00 UTC, the next one).
    public static func year(of date: Date) -> Int { calendar.component(.year, from: date) }

    /// A calendar year in Amsterdam: from midnight on 1 January up to (not including) midnight on
    /// the next 1 January, for `>= lowerBound AND < upperBound` queries; nil for no real year.
    public static func year(_ year: Int) -> Range<Date>? {
        guard let start = parseDay(String(format: "%04d-01-01", year)), let end = parseDay(String(format: "%04d-01-01", year + 1))
        else { return nil }
        return start..<end
    }

    /// The day `days` after (or before) a day written `2026-11-23`; the text itself if it is no day.
    public static func addingDays(_ days: Int, to text: String) -> String {
        guard let start = parseDay(text) else { return text }
        // Noon, so a daylight-saving change never moves the day.
        let noon = start.addingTimeInterval(12 * 3600)
        return day(calendar.date(byAdding: .day, value: days, to: noon) ?? noon)
    }
}
