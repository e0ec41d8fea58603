import Foundation

/// A weekly cell in words as one compound — "dinsdagavond", "Tuesday evening" — and a shift's
/// time as "elke dinsdagavond", "every Tuesday evening". The action page, /voor-jou, the digest
/// and the matching reasons all say it with these, so they say it alike.
public enum ShiftWords {
    /// `t` looks a text up in the reader's language (`req.t` or `app.catalogue.text(_:in:_:)`).
    public static func cell(weekday: Int, part: AvailabilityGrid.DayPart, _ t: (String, [String: String]) -> String) -> String {
        t(
            "initiatives.action.cell",
            ["weekday": t("initiatives.action.weekday.\(weekday)", [:]), "part": t("initiatives.action.day_part.\(part.rawValue)", [:])])
    }

    /// "elke dinsdagavond"; `capitalised` where it starts a line of its own ("Elke dinsdagavond").
    public static func every(
        weekday: Int, part: AvailabilityGrid.DayPart, capitalised: Bool = false, _ t: (String, [String: String]) -> String
    ) -> String {
        let words = t("initiatives.action.when.shift", ["cell": cell(weekday: weekday, part: part, t)])
        return capitalised ? words.prefix(1).uppercased() + words.dropFirst() : words
    }
}
