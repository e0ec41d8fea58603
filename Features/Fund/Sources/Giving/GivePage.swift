import KrachtCore
import Vapor

/// The giving form as `fund/give.leaf` shows it: fresh, prefilled, or with its problems.
struct GivePage: Encodable {
    struct Choice: Encodable {
        var value: String
        var label: String
        var checked: Bool
    }
    struct CampaignNote: Encodable {
        var slug: String
        var title: String
    }

    var values: [String: String]
    var errors = FormErrors()
    var amounts: [Choice]
    var otherChecked: Bool
    var monthly: Bool
    var organisation: Bool
    var walls: [Choice]
    var methods: [Choice]
    var mollie: Bool
    /// The campaign this gift counts for, when it is running.
    var campaign: CampaignNote?
    /// A campaign was asked for that is unknown or closed: the gift goes to the fund itself.
    var campaignIgnored: Bool
    var formID: String
    var signedIn: Bool

    /// `form`: what was submitted (nil on a fresh page); `query`: `?campagne=` and `?bedrag=`.
    static func make(_ req: Request, form: GiftForm?, campaign: FundCampaign?, campaignAsked: String?) -> GivePage {
        let settings = req.application.fundSettings
        let providers = req.application.paymentProviders
        let user = req.auth.get(User.self)
        var values: [String: String] = [:]
        let fresh = form == nil
        var form = form ?? GiftForm()
        if fresh {
            form.name = user?.name
            form.email = user?.email
            form.frequency = req.queryValue("maandelijks") == "1" ? "monthly" : "once"
            form.wall = Gift.Wall.firstName.rawValue
            form.giver = "person"
            form.method = providers.first?.method.rawValue
            if let asked = req.queryInt("bedrag").map(Int64.init), asked > 0 {
                if settings.suggestedCents.contains(asked) {
                    form.amount = String(asked)
                } else {
                    form.amount = "other"
                    form.other_amount = Money.format(cents: asked, in: req.language).replacingOccurrences(of: "€", with: "")
                        .trimmingCharacters(in: .whitespaces)
                }
            } else {
                form.amount = settings.suggestedCents.dropFirst().first.map(String.init)
            }
        }
        values["other_amount"] = form.other_amount ?? ""
        values["organisation"] = form.organisation ?? ""
        values["name"] = form.name ?? ""
        values["email"] = form.email ?? ""
        values["message"] = form.message ?? ""
        let typed = !(form.other_amount ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        let amounts = settings.suggestedCents.map { cents in
            Choice(
                value: String(cents),
                label: Money.format(cents: cents, in: req.language).replacingOccurrences(of: ",00", with: "")
                    .replacingOccurrences(of: ".00", with: ""), checked: !typed && form.amount == String(cents))
        }
        let walls: [Choice] = [
            Choice(value: "name", label: req.t("fund.give.wall_name"), checked: form.wall == "name"),
            Choice(value: "first_name", label: req.t("fund.give.wall_first_name"), checked: form.wall == "first_name"),
            Choice(value: "anonymous", label: req.t("fund.give.wall_anonymous"), checked: form.wall == "anonymous"),
        ]
        let methods = providers.map { provider in
            Choice(
                value: provider.method.rawValue,
                label: req.t(provider.method == .mollie ? "fund.give.method_mollie" : "fund.give.method_transfer"),
                checked: form.method == provider.method.rawValue)
        }
        return GivePage(
            values: values, amounts: amounts, otherChecked: typed || form.amount == "other", monthly: form.frequency == "monthly",
            organisation: form.giver == "organisation", walls: walls, methods: methods,
            mollie: providers.contains { $0.method == .mollie },
            campaign: campaign.map { CampaignNote(slug: $0.slug, title: $0.title) },
            campaignIgnored: campaign == nil && !(campaignAsked ?? "").isEmpty,
            formID: SecureToken.make(), signedIn: user != nil)
    }
}
