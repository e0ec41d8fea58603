import Foundation
import KrachtCore

/// What a person types for time given: hours ("2", "2,5", "2.5") and/or minutes ("90"), a day,
/// and how many people it reached. Pure parsing, no database: `LogHours` checks who and how often.
struct HoursInput: Sendable {
    static let maxMinutes = 1440
    /// Per entry: more than this in one session is not a number anyone counted.
    static let maxPeopleReached = 1_000
    /// A day up to a year back: older hours are not remembered well enough to count.
    static let maxDaysBack = 365

    enum Problem: Sendable, Equatable { case missing, invalid, outOfRange }

    /// Minutes from an hours field (whole or with one or two decimals, Dutch comma or dot) plus a
    /// minutes field; 1…1440 in all.
    static func minutes(hours: String?, minutes: String?) -> Result<Int, HoursProblem> {
        let h = Money.westernDigits(hours ?? "").trimmingCharacters(in: .whitespaces)
        let m = Money.westernDigits(minutes ?? "").trimmingCharacters(in: .whitespaces)
        guard !h.isEmpty || !m.isEmpty else { return .failure(.init(.missing)) }
        var total = 0
        if !h.isEmpty {
            let parts = h.split(separator: h.contains(",") ? "," : ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, let whole = parts.first, (1...2).contains(whole.count), whole.allSatisfy(\.isASCIINumber),
                parts.count == 1 || ((1...2).contains(parts[1].count) && parts[1].allSatisfy(\.isASCIINumber))
            else { return .failure(.init(.invalid)) }
            total = Int(whole)! * 60
            if parts.count == 2 {
                let scale = parts[1].count == 1 ? 10 : 100
                total += (Int(parts[1])! * 60 * 2 + scale) / (2 * scale)  // rounded half up
            }
        }
        if !m.isEmpty {
            guard (1...4).contains(m.count), m.allSatisfy(\.isASCIINumber) else { return .failure(.init(.invalid)) }
            total += Int(m)!
        }
        guard (1...maxMinutes).contains(total) else { return .failure(.init(.outOfRange)) }
        return .success(total)
    }

    /// A day (`yyyy-MM-dd`, as a date field sends it) from a year back to today, in Amsterdam.
    static func day(_ text: String?, today: String) -> Result<String, HoursProblem> {
        let text = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .failure(.init(.missing)) }
        guard AmsterdamTime.parseDay(text) != nil else { return .failure(.init(.invalid)) }
        guard text <= today, text >= AmsterdamTime.addingDays(-maxDaysBack, to: today) else { return .failure(.init(.outOfRange)) }
        return .success(text)
    }

    /// People reached: empty is 0.
    static func peopleReached(_ text: String?) -> Result<Int, HoursProblem> {
        let text = Money.westernDigits(text ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .success(0) }
        guard text.count <= 6, text.allSatisfy(\.isASCIINumber), let n = Int(text) else { return .failure(.init(.invalid)) }
        guard n <= maxPeopleReached else { return .failure(.init(.outOfRange)) }
        return .success(n)
    }
}

struct HoursProblem: Error, Sendable, Equatable {
    let problem: HoursInput.Problem
    init(_ problem: HoursInput.Problem) { self.problem = problem }
}

extension Character {
    fileprivate var isASCIINumber: Bool { isASCII && isNumber }
}
