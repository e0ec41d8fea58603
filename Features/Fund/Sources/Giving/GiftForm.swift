import KrachtCore
import Vapor

/// What a donor submits on `/fonds/doneren`, checked into a gift to ask for or field errors.
struct GiftForm: Content, Sendable {
    var frequency: String?
    /// One of the suggested amounts, in cents ("2500"), or "other".
    var amount: String?
    /// What the donor typed as their own amount ("12,50"); wins over the radio button when filled.
    var other_amount: String?
    /// "person" or "organisation".
    var giver: String?
    var organisation: String?
    var name: String?
    var email: String?
    var wall: String?
    var message: String?
    var method: String?
    var campaign: String?
    /// A random id per form shown: a second post of the same form finds the gift of the first.
    var form_id: String?

    static let messageMax = 280
    static let organisationMax = 100

    static let layout = FormLayout(
        id: "give-form",
        [
            .field("frequency", id: "give-once", label: "fund.give.frequency"),
            .field("amount", id: "give-other", label: "fund.give.amount"),
            .field("organisation", id: "give-organisation", label: "fund.give.organisation"),
            .field("name", id: "give-name", label: "fund.give.name"),
            .field("email", id: "give-email", label: "fund.give.email"),
            .field("wall", id: "give-wall-name", label: "fund.give.wall"),
            .field("message", id: "give-message", label: "fund.give.message"),
            .field("method", id: "give-method-transfer", label: "fund.give.method"),
        ])

    struct Checked: Sendable {
        var amountCents: Int64
        var monthly: Bool
        var organisation: String?
        var name: String
        var email: String
        var wall: Gift.Wall
        var message: String?
        var method: Gift.Method
    }

    /// `methods` are the ways to pay this installation offers (bank transfer always).
    func check(settings: FundSettings, methods: [any PaymentProvider], t: (String) -> String, money: (Int64) -> String)
        -> (Checked?, FormErrors)
    {
        var errors = FormErrors()
        let monthly = frequency == Gift.Frequency.monthly.rawValue
        if frequency != Gift.Frequency.once.rawValue && !monthly { errors.add("frequency", t("fund.give.error.frequency")) }
        let cents = checkAmount(settings: settings, &errors, t: t, money: money)
        var organisation: String?
        if giver == "organisation" {
            let (text, problem) = TextField.check(self.organisation, maxLength: Self.organisationMax)
            if let problem { errors.add("organisation", TextField.message(for: problem, maxLength: Self.organisationMax, t)) }
            organisation = text
        }
        let name = AccountRules.checkName(name, &errors, t)
        let email = AccountRules.checkEmail(email, &errors, t)
        let wall = Gift.Wall(rawValue: self.wall ?? "")
        if wall == nil { errors.add("wall", t("fund.give.error.wall")) }
        let (message, messageProblem) = TextField.check(self.message, required: false, maxLength: Self.messageMax)
        if let messageProblem { errors.add("message", TextField.message(for: messageProblem, maxLength: Self.messageMax, t)) }
        let provider = methods.first { $0.method.rawValue == method }
        if provider == nil {
            errors.add("method", t("fund.give.error.method"))
        } else if monthly, provider?.supportsMonthly == false {
            errors.add("method", t("fund.give.error.method_monthly"))
        }
        guard errors.isEmpty, let cents, let wall, let provider else { return (nil, errors) }
        return (
            Checked(
                amountCents: cents, monthly: monthly, organisation: organisation, name: name, email: email, wall: wall,
                message: message.isEmpty ? nil : message, method: provider.method), errors
        )
    }

    private func checkAmount(settings: FundSettings, _ errors: inout FormErrors, t: (String) -> String, money: (Int64) -> String)
        -> Int64?
    {
        let typed = (other_amount ?? "").trimmingCharacters(in: .whitespaces)
        let cents: Int64?
        if !typed.isEmpty || amount == "other" {
            if typed.isEmpty {
                errors.add("amount", t("fund.give.error.amount_missing"))
                return nil
            }
            if typed.hasPrefix("-") {
                errors.add("amount", t("fund.give.error.amount_positive"))
                return nil
            }
            cents = Self.parseAmount(typed)
        } else if let chosen = amount.flatMap(Int64.init), settings.suggestedCents.contains(chosen) {
            cents = chosen
        } else {
            errors.add("amount", t("fund.give.error.amount_missing"))
            return nil
        }
        guard let cents else {
            errors.add("amount", t("fund.give.error.amount_format"))
            return nil
        }
        if cents <= 0 {
            errors.add("amount", t("fund.give.error.amount_positive"))
        } else if cents < settings.minGiftCents {
            errors.add("amount", t("fund.give.error.amount_min").replacingOccurrences(of: "{min}", with: money(settings.minGiftCents)))
        } else if cents > settings.maxGiftCents {
            errors.add("amount", t("fund.give.error.amount_max").replacingOccurrences(of: "{max}", with: money(settings.maxGiftCents)))
        } else {
            return cents
        }
        return nil
    }

    /// An amount in euros as people type it: "25", "12,50", "12.5", "€ 1.000" or "1.000,50";
    /// nil for anything else, also for more than two decimals ("12,345" — is it cents or
    /// thousands? we ask rather than guess).
    static func parseAmount(_ raw: String) -> Int64? {
        let text = raw.filter { !$0.isWhitespace }
        // On this Dutch form a comma is always the decimal sign: "1,000.50" is refused, not guessed.
        if let comma = text.firstIndex(of: ","), text[comma...].contains(".") { return nil }
        guard text.count <= 14, let cents = Money.parseCents(text), cents < 1_000_000_000 else { return nil }
        return cents
    }
}
