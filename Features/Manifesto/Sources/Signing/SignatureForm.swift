import KrachtCore
import Vapor

/// What a person submits to sign, checked into a signature or field errors.
struct SignatureForm: Content {
    var name: String?
    var email: String?
    var district: String?
    var postcode: String?
    var show_name: String?
    var newsletter: String?
    var ref: String?
    var form_token: String?
    /// The honeypot: hidden from people, filled in by bots.
    var website: String?

    init(
        name: String?, email: String?, district: String?, postcode: String?, show_name: String?, newsletter: String?,
        ref: String?, form_token: String?, website: String?
    ) {
        (self.name, self.email, self.district, self.postcode) = (name, email, district, postcode)
        (self.show_name, self.newsletter, self.ref, self.form_token, self.website) = (show_name, newsletter, ref, form_token, website)
    }

    /// From the submitted fields, parsed without Vapor's generic decoder (this is the hot path of a spike).
    init(fields: FormFields) {
        self.init(
            name: fields["name"], email: fields["email"], district: fields["district"], postcode: fields["postcode"],
            show_name: fields["show_name"], newsletter: fields["newsletter"], ref: fields["ref"],
            form_token: fields["form_token"], website: fields["website"])
    }

    struct Checked: Sendable {
        var name: String
        var email: String
        var district: String
        var postcode: String?
        var showName: Bool
        var newsletter: Bool
        var campaign: String?
        var canonical: String { EmailAddress.canonicalMailbox(email) }
    }

    /// Dutch postcodes: four digits not starting with 0, then two letters ("1011 AB").
    static func normalizedPostcode(_ raw: String) -> String? {
        let compact = raw.uppercased().filter { !$0.isWhitespace }
        guard compact.count == 6, compact.prefix(4).allSatisfy(\.isASCII), compact.prefix(4).allSatisfy(\.isNumber),
            compact.first != "0", compact.suffix(2).allSatisfy({ $0.isASCII && $0.isLetter })
        else { return nil }
        return compact.prefix(4) + " " + compact.suffix(2)
    }

    /// A campaign or partner code from a link: short, lower-case letters, digits and dashes.
    static func campaign(_ raw: String?) -> String? {
        guard let code = raw?.lowercased(), (1...64).contains(code.count),
            code.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" })
        else { return nil }
        return code
    }

    func check(districts: [String], emailRequired: Bool, t: (String) -> String) -> (Checked?, FormErrors) {
        var errors = FormErrors()
        // The same rules as an account's name and address (Core's AccountRules).
        let name = AccountRules.checkName(name, &errors, t)
        let email = emailRequired ? AccountRules.checkEmail(self.email, &errors, t) : EmailAddress.normalizedForAccount(self.email ?? "")
        let district = self.district ?? ""
        if district.isEmpty {
            errors.add("district", t("manifesto.error.district"))
        } else if district != Signature.outsideAmsterdam && !districts.contains(district) {
            errors.add("district", t("manifesto.error.district"))
        }
        var postcode: String?
        if let raw = self.postcode?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            postcode = Self.normalizedPostcode(raw)
            if postcode == nil { errors.add("postcode", t("manifesto.error.postcode")) }
        }
        guard errors.isEmpty else { return (nil, errors) }
        return (
            Checked(
                name: name, email: email, district: district, postcode: postcode, showName: show_name == "1",
                newsletter: newsletter == "1", campaign: Self.campaign(ref)), errors
        )
    }
}
