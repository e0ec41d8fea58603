import Foundation
import KrachtCore
import Vapor

/// The registration form as posted, and its checks against the event. Everything is read as
/// text, so "twee" guests is a message beside the field, never a 400.
struct RegistrationForm: Content, Sendable {
    var name: String?
    var email: String?
    var guests: String?
    var dietary: String?
    var accessibility: String?
    var house_rules: String?
    /// The campaign code of the link the person came through (a hidden field).
    var ref: String?

    static let maxGuests = 10
    static let maxName = 100
    static let maxAnswer = 500

    /// The fields in the page's order, for the error summary.
    static let layout = FormLayout(
        id: "event-register",
        [
            .field("name", id: "register-name", label: "events.register.name"),
            .field("email", id: "register-email", label: "events.register.email"),
            .field("guests", id: "register-guests", label: "events.register.guests"),
            .field("dietary", id: "register-dietary", label: "events.register.dietary"),
            .field("accessibility", id: "register-accessibility", label: "events.register.accessibility"),
            .field("house_rules", id: "register-house-rules", label: "events.register.house_rules_accept"),
        ])

    /// What a valid form holds.
    struct Checked: Sendable {
        var name: String
        var email: String
        var guests: Int
        var dietary: String?
        var accessibility: String?
        var houseRulesAccepted: Bool
        var ref: String? = nil
        var partySize: Int { 1 + guests }
    }

    /// The values to show again in the form after a refusal.
    var values: [String: String] {
        [
            "name": name ?? "", "email": email ?? "", "guests": guests ?? "", "dietary": dietary ?? "",
            "accessibility": accessibility ?? "", "house_rules": house_rules ?? "", "ref": EventReferrals.ref(ref) ?? "",
        ]
    }

    /// `account`: the signed-in person's name and address, which replace the form's.
    func check(for event: Event, account: (name: String, email: String)?, _ t: (String, [String: String]) -> String)
        -> (Checked?, FormErrors)
    {
        var errors = FormErrors()
        func message(_ problem: TextField.Problem, _ max: Int) -> String {
            TextField.message(for: problem, maxLength: max) { t($0, [:]) }
        }
        var name = account?.name ?? ""
        var email = account?.email ?? ""
        if account == nil {
            let (checkedName, problem) = TextField.check(self.name, maxLength: Self.maxName)
            if let problem { errors.add("name", message(problem, Self.maxName)) }
            name = checkedName
            email = (self.email ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if email.isEmpty {
                errors.add("email", t("form.required", [:]))
            } else if !EmailAddress.isValid(email) {
                errors.add("email", t("events.register.error.email", [:]))
            }
        }
        let guestsText = (guests ?? "").trimmingCharacters(in: .whitespaces)
        let guestCount = guestsText.isEmpty ? 0 : Int(guestsText)
        switch guestCount {
        case nil: errors.add("guests", t("events.register.error.guests_number", [:]))
        case let count? where count < 0: errors.add("guests", t("events.register.error.guests_negative", [:]))
        case let count? where count > Self.maxGuests:
            errors.add("guests", t("events.register.error.guests_max", ["max": String(Self.maxGuests)]))
        case let count? where count + 1 > event.capacity:
            errors.add("guests", t("events.register.error.more_than_places", ["places": String(event.capacity)]))
        default: break
        }
        let dietary = answer(self.dietary, asked: event.askDietary, field: "dietary", &errors, message)
        let accessibility = answer(self.accessibility, asked: event.askAccessibility, field: "accessibility", &errors, message)
        let accepted = ["1", "on", "true"].contains(house_rules ?? "")
        if !event.houseRules.isEmpty && !accepted {
            errors.add("house_rules", t("events.register.error.house_rules", [:]))
        }
        guard errors.isEmpty, let guestCount else { return (nil, errors) }
        return (
            Checked(
                name: name, email: email, guests: guestCount, dietary: dietary, accessibility: accessibility,
                houseRulesAccepted: accepted || event.houseRules.isEmpty, ref: EventReferrals.ref(ref)),
            errors
        )
    }

    /// An optional answer to a question the event asks (nil when it does not ask it).
    private func answer(
        _ value: String?, asked: Bool, field: String, _ errors: inout FormErrors, _ message: (TextField.Problem, Int) -> String
    ) -> String? {
        guard asked else { return nil }
        let (text, problem) = TextField.check(value, required: false, maxLength: Self.maxAnswer, singleLine: false)
        if let problem { errors.add(field, message(problem, Self.maxAnswer)) }
        return text.isEmpty ? nil : text
    }
}
