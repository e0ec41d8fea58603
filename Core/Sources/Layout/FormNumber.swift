import Foundation

/// Whole numbers and clock times as forms send them, read one way everywhere: anything else is
/// nil (the caller shows its own message), never a crash or a surprise value.
public enum FormNumber {
    /// A whole number in `range`, surrounding spaces allowed; nil for anything else ("abc", "-3"
    /// outside the range, "1e9", "12.5", a number too large).
    public static func whole(_ text: String?, in range: ClosedRange<Int>) -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), text.count <= 9, let value = Int(text), range.contains(value)
        else { return nil }
        return value
    }

    /// "19:30", "9:05" or "19:30:00" (as some browsers send a time field) as minutes after
    /// midnight; nil for anything else, seconds other than 00 included.
    public static func clockMinutes(_ text: String?) -> Int? {
        let parts = (text ?? "").trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), (1...2).contains(parts[0].count), parts[1].count == 2, parts.count == 2 || parts[2] == "00",
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }
}
