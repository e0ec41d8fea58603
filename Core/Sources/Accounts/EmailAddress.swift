import Foundation

/// Email addresses as people type them, checked and normalised: the one rule for every
/// feature's forms (accounts, signatures, …), so an address means the same everywhere.
public enum EmailAddress {
    /// The longest address SMTP carries (RFC 5321).
    public static let maxLength = 254
    static let plusTagProviders: Set<String> = [
        "gmail.com", "outlook.com", "hotmail.com", "live.com", "live.nl", "hotmail.nl", "outlook.nl", "icloud.com",
        "me.com", "protonmail.com", "proton.me", "pm.me", "fastmail.com", "kpnmail.nl", "ziggo.nl",
    ]

    /// A plausible address: one @, a dotted domain, no spaces, no control, line-separator or
    /// bidi characters (`TextField.isForbidden`), nothing that would break a mail header.
    public static func isValid(_ raw: String) -> Bool {
        let email = raw.trimmingCharacters(in: .whitespaces)
        guard email.count <= maxLength,
            !email.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" || $0 == "\"" }),
            !email.unicodeScalars.contains(where: TextField.isForbidden)
        else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
            && labels.last!.count >= 2
    }

    /// Accounts are unique by the address as typed, lower-cased.
    public static func normalizedForAccount(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The same mailbox however it is spelled: case, and for providers that ignore them,
    /// dots and `+tags` (so one person cannot count twice).
    public static func canonicalMailbox(_ raw: String) -> String {
        let email = normalizedForAccount(raw)
        guard let at = email.lastIndex(of: "@") else { return email }
        var local = String(email[..<at])
        var domain = String(email[email.index(after: at)...])
        if domain == "googlemail.com" { domain = "gmail.com" }
        if plusTagProviders.contains(domain), let plus = local.firstIndex(of: "+") { local = String(local[..<plus]) }
        if domain == "gmail.com" { local = local.filter { $0 != "." } }
        return local + "@" + domain
    }
}
