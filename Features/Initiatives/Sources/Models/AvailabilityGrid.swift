import Foundation
import KrachtCore

/// The weekly grid of free time: seven weekdays × morning, afternoon, evening, as 21 bits.
/// A resident's profile ticks cells; a shift sits in one cell, a one-off task in the cell of its
/// start (in Amsterdam time); 0 means "any time" for an action and "not said" for a profile.
public struct AvailabilityGrid: Sendable, Hashable, Codable {
    public enum DayPart: String, Sendable, CaseIterable, Codable {
        /// 06:00–12:00, 12:00–18:00, 18:00–24:00 (a night start counts as the evening before).
        case morning, afternoon, evening
        public var index: Int { DayPart.allCases.firstIndex(of: self)! }
    }

    public static let weekdays = 1...7
    public static let cellCount = 21
    public private(set) var bits: Int

    public init(bits: Int = 0) { self.bits = bits & ((1 << Self.cellCount) - 1) }

    public static func bit(weekday: Int, part: DayPart) -> Int { 1 << ((weekday - 1) * 3 + part.index) }

    public func contains(weekday: Int, part: DayPart) -> Bool { bits & Self.bit(weekday: weekday, part: part) != 0 }

    public mutating func insert(weekday: Int, part: DayPart) { bits |= Self.bit(weekday: weekday, part: part) }

    public var isEmpty: Bool { bits == 0 }

    /// The cells ticked, in week order.
    public var cells: [(weekday: Int, part: DayPart)] {
        Self.weekdays.flatMap { day in DayPart.allCases.filter { contains(weekday: day, part: $0) }.map { (day, $0) } }
    }

    /// The cell a moment falls in, in Amsterdam (ISO weekday: Monday = 1).
    public static func cell(of date: Date) -> (weekday: Int, part: DayPart) {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = AmsterdamTime.zone
        let parts = calendar.dateComponents([.weekday, .hour], from: date)
        var weekday = (parts.weekday! + 5) % 7 + 1
        let hour = parts.hour!
        if hour < 6 { weekday = weekday == 1 ? 7 : weekday - 1 }
        let part: DayPart = hour >= 6 && hour < 12 ? .morning : hour >= 12 && hour < 18 ? .afternoon : .evening
        return (weekday, part)
    }

    /// The grid of one moment's cell.
    public static func of(_ date: Date) -> AvailabilityGrid {
        let cell = cell(of: date)
        return AvailabilityGrid(bits: bit(weekday: cell.weekday, part: cell.part))
    }

    /// A form's ticked cells (`"<weekday>-<part>"`, e.g. `2-evening`); nil if any value is not a cell.
    public static func parse(_ values: [String]) -> AvailabilityGrid? {
        var grid = AvailabilityGrid()
        for value in values {
            let pieces = value.split(separator: "-", maxSplits: 1)
            guard pieces.count == 2, let day = Int(pieces[0]), weekdays.contains(day), let part = DayPart(rawValue: String(pieces[1]))
            else { return nil }
            grid.insert(weekday: day, part: part)
        }
        return grid
    }

    /// A cell's form value.
    public static func value(weekday: Int, part: DayPart) -> String { "\(weekday)-\(part.rawValue)" }
}

/// The languages a resident can say they speak and an action can ask for: the city's common
/// ones, each named in itself (as language pickers do), so no translation is needed.
public enum SpokenLanguage {
    public static let all: [(code: String, name: String)] = [
        ("nl", "Nederlands"), ("en", "English"), ("ar", "العربية"), ("tr", "Türkçe"), ("pl", "Polski"),
        ("es", "Español"), ("fr", "Français"), ("de", "Deutsch"), ("pt", "Português"), ("it", "Italiano"),
        ("uk", "Українська"), ("ru", "Русский"), ("bg", "Български"), ("ro", "Română"), ("so", "Soomaali"),
        ("ti", "ትግርኛ"), ("ber", "Tamaziɣt"), ("pap", "Papiamentu"), ("srn", "Sranantongo"), ("fa", "فارسی"),
        ("ur", "اردو"), ("hi", "हिन्दी"), ("zh", "中文"),
    ]
    public static let codes = Set(all.map(\.code))

    public static func name(of code: String) -> String? { all.first { $0.code == code }?.name }

    /// Stored form: known codes, sorted, comma-separated; nil if any code is unknown.
    public static func join(_ codes: [String]) -> String? {
        guard codes.allSatisfy(Self.codes.contains) else { return nil }
        return Set(codes).sorted().joined(separator: ",")
    }

    public static func split(_ stored: String) -> [String] { stored.split(separator: ",").map(String.init) }
}
