import Fluent
import Foundation
import KrachtCore
import Vapor

/// An initiative's volunteer hours, their value in euros, people reached and connected, as the
/// initiative page shows them (`initiatives/_value.leaf`, extended with this as its context).
/// Only confirmed hours count.
public struct InitiativeValue: Encodable, Sendable {
    public var minutes: Int64 = 0
    public var cents: Int64 = 0
    /// "12,5" (Dutch) / "12.5": hours with one decimal.
    public var hours: String = "0"
    public var money: String = ""
    /// The value of one hour, formatted ("€ 23,14").
    public var hourRate: String = ""
    public var peopleReached: Int64 = 0
    public var peopleConnected: Int64 = 0
    public var rankingPath: String = InitiativesPath.ranking().path
    public var hasHours = false

    public init() {}

    public static func of(_ initiative: Initiative, req: Request) -> InitiativeValue {
        let rate = req.application.reference.volunteerHourCents
        var value = InitiativeValue()
        value.minutes = initiative.confirmedMinutes
        value.cents = VolunteerValue.cents(minutes: initiative.confirmedMinutes, hourCents: rate)
        value.hours = VolunteerValue.hours(minutes: initiative.confirmedMinutes, in: req.language)
        value.money = Money.format(cents: value.cents, in: req.language)
        value.hourRate = Money.format(cents: rate, in: req.language)
        value.peopleReached = initiative.peopleReached
        value.peopleConnected = initiative.peopleConnected
        value.hasHours = initiative.confirmedMinutes > 0
        return value
    }
}

/// The arithmetic of social value, in integers: an hour is worth the CBS average hourly wage
/// (`volunteering-facts.csv`), so a minute is a sixtieth of it, rounded half up to a cent at the end.
public enum VolunteerValue {
    /// 90 minutes at 2314 ¢/h: 90 × 2314 = 208 260; / 60 = 3471 ¢ (€ 34,71).
    public static func cents(minutes: Int64, hourCents: Int64) -> Int64 {
        guard minutes > 0, hourCents > 0 else { return 0 }
        return (minutes * hourCents + 30) / 60
    }

    /// Hours with one decimal, rounded half up, grouped: 90 → "1,5", 75 000 → "1.250" (nl).
    public static func hours(minutes: Int64, in language: Language) -> String {
        let tenths = (max(0, minutes) * 10 + 30) / 60
        let whole = tenths / 10, fraction = tenths % 10
        return Money.group(whole, separator: language.groupingSeparator)
            + (fraction == 0 ? "" : language.decimalSeparator + String(fraction))
    }
}
