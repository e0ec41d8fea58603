import Crypto
import Foundation
import KrachtCore
import Vapor

/// What a person submits on `/nieuwsbrief`, checked into a subscription or field errors.
struct NewsletterForm: Sendable {
    var email: String?
    var name: String?
    var districts: [String]
    var domains: [String]
    var ref: String?
    var formToken: String?
    /// The honeypot: hidden from people, filled in by bots.
    var website: String?

    init(fields: FormFields) {
        email = fields["email"]
        name = fields["name"]
        districts = fields.values("district")
        domains = fields.values("domain")
        ref = fields["ref"]
        formToken = fields["form_token"]
        website = fields["website"]
    }

    init(email: String?, name: String? = nil, districts: [String] = [], domains: [String] = [], ref: String? = nil) {
        (self.email, self.name, self.districts, self.domains, self.ref) = (email, name, districts, domains, ref)
    }

    struct Checked: Sendable {
        var email: String
        var name: String?
        var districts: [String]
        var domains: [String]
        var ref: String?
        var mailbox: String { EmailAddress.canonicalMailbox(email) }
    }

    static let nameMax = 100
    static let layout = FormLayout(
        id: "newsletter-form",
        [
            .field("email", id: "newsletter-email", label: "newsletter.field.email"),
            .field("name", id: "newsletter-name", label: "newsletter.field.name"),
            // The summary links to the first district's box (the fieldset's error describes the fieldset).
            .field("district", id: "newsletter-districts", label: "newsletter.field.districts"),
        ])

    func check(reference: ReferenceData, t: (String) -> String) -> (Checked?, FormErrors) {
        var errors = FormErrors()
        let email = AccountRules.checkEmail(email, &errors, t)
        let (name, problem) = TextField.check(name, required: false, maxLength: Self.nameMax)
        if let problem {
            errors.add("name", TextField.message(for: problem, maxLength: Self.nameMax, t))
        } else if name.contains(where: { $0 == "<" || $0 == ">" }) {
            // A name is greeted in mails: markup in it is someone testing us, not a name.
            errors.add("name", t("newsletter.error.name_characters"))
        }
        let (districts, domains, bad) = Self.interests(districts, domains, reference: reference)
        if bad { errors.add("district", t("newsletter.error.interests")) }
        guard errors.isEmpty else { return (nil, errors) }
        return (Checked(email: email, name: name.isEmpty ? nil : name, districts: districts, domains: domains, ref: Self.ref(ref)), errors)
    }

    /// Only known reference keys, each once; `bad` when something else was sent.
    static func interests(_ districts: [String], _ domains: [String], reference: ReferenceData) -> ([String], [String], Bool) {
        let knownDistricts = Set(reference.districts.map(\.slug)), knownDomains = Set(reference.domains.map(\.slug))
        let bad =
            districts.count > 100 || domains.count > 100 || !districts.allSatisfy(knownDistricts.contains)
            || !domains.allSatisfy(knownDomains.contains)
        return (
            Array(Set(districts.filter(knownDistricts.contains))).sorted(), Array(Set(domains.filter(knownDomains.contains))).sorted(), bad
        )
    }

    /// A campaign code from a link: short, lower-case letters, digits, dashes and underscores.
    static func ref(_ raw: String?) -> String? {
        guard let code = raw?.lowercased(), (1...64).contains(code.count),
            code.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" })
        else { return nil }
        return code
    }
}

/// The time the form was served, signed, so a post faster than a person types is a bot's
/// (as the manifesto's form does, without a captcha).
enum NewsletterFormToken {
    enum Check: Equatable { case ok, tooFast, invalid }
    static let minimumSeconds = 2
    static let lifetime: TimeInterval = 24 * 3600

    static func make(at time: Date, key: SymmetricKey) -> String {
        let body = String(Int64(time.timeIntervalSince1970))
        return body + "." + signature(body, key: key)
    }

    static func check(_ token: String?, now: Date, key: SymmetricKey) -> Check {
        guard let token, token.count < 100, let dot = token.firstIndex(of: ".") else { return .invalid }
        let body = String(token[..<dot]), mac = String(token[token.index(after: dot)...])
        guard let stamp = Int64(body), SecureToken.constantTimeEquals(mac, signature(body, key: key)) else { return .invalid }
        let age = Int64(now.timeIntervalSince1970) - stamp
        if age < Int64(minimumSeconds) { return .tooFast }
        return age > Int64(lifetime) ? .invalid : .ok
    }

    private static func signature(_ body: String, key: SymmetricKey) -> String {
        SecureToken.hex(Data(HMAC<SHA256>.authenticationCode(for: Data(("newsletter-form:" + body).utf8), using: key)).prefix(16))
    }
}
