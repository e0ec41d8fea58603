import Vapor

/// The rules for what people type into account forms, with messages from the catalogue.
enum AccountRules {
    static let nameMax = 100
    static let passwordMin = 10
    static let passwordMax = 200

    static func checkName(_ raw: String?, _ errors: inout FormErrors, _ t: (String) -> String) -> String {
        let (name, problem) = TextField.check(raw, maxLength: nameMax)
        switch problem {
        case .missing: errors.add("name", t("form.required"))
        case .tooLong: errors.add("name", t("form.too_long"))
        case .invalidCharacters: errors.add("name", t("form.invalid_characters"))
        case nil: break
        }
        return name
    }

    static func checkEmail(_ raw: String?, _ errors: inout FormErrors, _ t: (String) -> String) -> String {
        let email = EmailAddress.normalizedForAccount(raw ?? "")
        if email.isEmpty { errors.add("email", t("form.required")) }
        else if !EmailAddress.isValid(email) { errors.add("email", t("form.email_invalid")) }
        return email
    }

    static func checkPassword(_ raw: String?, _ errors: inout FormErrors, _ t: (String) -> String) -> String {
        let password = raw ?? ""
        if password.isEmpty { errors.add("password", t("form.required")) }
        else if password.count < passwordMin { errors.add("password", t("account.password_short")) }
        else if password.count > passwordMax { errors.add("password", t("form.too_long")) }
        return password
    }
}

extension Application {
    func hashPassword(_ password: String) async throws -> String {
        try await self.password.async(on: threadPool, hopTo: eventLoopGroup.next()).hash(password).get()
    }

    func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        try await self.password.async(on: threadPool, hopTo: eventLoopGroup.next()).verify(password, created: hash).get()
    }
}
