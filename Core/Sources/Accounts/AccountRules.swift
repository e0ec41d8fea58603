import NIOConcurrencyHelpers
import Vapor

/// The rules for a person's name, email address and password, for the account forms and for
/// every feature's forms that ask for a name or an address. Each check adds a translated
/// message to `errors` (`t` looks a key up in the visitor's language) and returns the value
/// as it will be stored.
public enum AccountRules {
    public static let nameMax = 100
    public static let passwordMin = 10
    /// bcrypt reads only a password's first 72 bytes: a longer one would be cut silently.
    public static let passwordMaxBytes = 72
    /// The longest password verified at login or account deletion (bounding bcrypt's work).
    /// Passwords set before the 72-byte rule could have up to 200 characters and still log in.
    public static let passwordMax = 200

    /// A name: required, one line, at most `nameMax` characters, no control characters.
    public static func checkName(_ raw: String?, _ errors: inout FormErrors, _ t: (String) -> String) -> String {
        let (name, problem) = TextField.check(raw, maxLength: nameMax)
        if let problem { errors.add("name", TextField.message(for: problem, maxLength: nameMax, t)) }
        return name
    }

    /// An email address: required and plausible; returned trimmed and lower-cased.
    public static func checkEmail(_ raw: String?, _ errors: inout FormErrors, _ t: (String) -> String) -> String {
        let email = EmailAddress.normalizedForAccount(raw ?? "")
        if email.isEmpty {
            errors.add("email", t("form.required"))
        } else if !EmailAddress.isValid(email) {
            errors.add("email", t("form.email_invalid"))
        }
        return email
    }

    /// A new password (only when one is set, never when one is verified): at least
    /// `passwordMin` characters, at most `passwordMaxBytes` bytes, not one of the most common
    /// passwords, and not the account's email address.
    public static func checkPassword(_ raw: String?, email: String?, _ errors: inout FormErrors, _ t: (String) -> String) -> String {
        let password = raw ?? ""
        if password.isEmpty {
            errors.add("password", t("form.required"))
        } else if password.count < passwordMin {
            errors.add("password", t("account.password_short"))
        } else if password.utf8.count > passwordMaxBytes {
            errors.add("password", t("account.password_long").replacingOccurrences(of: "{max}", with: String(passwordMaxBytes)))
        } else if isCommon(password) {
            errors.add("password", t("account.password_common"))
        } else if let email, !email.isEmpty, EmailAddress.normalizedForAccount(password) == EmailAddress.normalizedForAccount(email) {
            errors.add("password", t("account.password_is_email"))
        }
        return password
    }

    /// Whether `password` is on the list of common passwords (case-insensitively).
    public static func isCommon(_ password: String) -> Bool {
        commonPasswords.withLockedValue { $0.contains(password.trimmingCharacters(in: .whitespaces).lowercased()) }
    }

    /// Loads `Resources/Data/common-passwords.txt` (one password a line, `#` lines skipped) once
    /// per process, at start (`configureKracht`), so no request reads the file.
    public static func loadCommonPasswords(from directory: String) throws {
        guard commonPasswords.withLockedValue(\.isEmpty) else { return }
        let text = try String(contentsOfFile: directory + "/common-passwords.txt", encoding: .utf8)
        let list = Set(text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }.map { $0.lowercased() })
        guard !list.isEmpty else { throw "common-passwords.txt is empty" }
        commonPasswords.withLockedValue { $0 = list }
    }

    private static let commonPasswords = NIOLockedValueBox<Set<String>>([])
}

extension Application {
    func hashPassword(_ password: String) async throws -> String {
        try await self.password.async(on: threadPool, hopTo: eventLoopGroup.next()).hash(password).get()
    }

    func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        try await self.password.async(on: threadPool, hopTo: eventLoopGroup.next()).verify(password, created: hash).get()
    }
}
