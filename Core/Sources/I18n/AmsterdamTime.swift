import Foundation

/// Times are stored in UTC and shown in Amsterdam's time zone.
public enum AmsterdamTime {
    public static let zone = TimeZone(identifier: "Europe/Amsterdam")!

    /// "23 november 2026" / "23 November 2026".
    public static func date(_ date: Date?, in language: Language) -> String {
        guard let date else { return "" }
        let formatter = DateFormatter()
        formatter.timeZone = zone
        formatter.locale = language.locale
        formatter.dateFormat = "d MMMM yyyy"
        return formatter.string(from: date)
    }

    /// "2026-11-23": a day in Amsterdam, for grouping.
    public static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
