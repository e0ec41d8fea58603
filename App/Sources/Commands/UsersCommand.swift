import Fluent
import KrachtCore
import Vapor

/// `kracht users create …`: the first admin on a new installation, or any account from a script.
struct UsersCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create") var action: String
        @Option(name: "email") var email: String?
        @Option(name: "name") var name: String?
        @Option(name: "password") var password: String?
        @Option(name: "role", help: "initiator, coordinator, fund_committee, treasurer or admin") var role: String?
        @Flag(name: "confirmed", help: "Mark the address as confirmed.") var confirmed: Bool
    }

    var help: String { "Creates an account: users create --email E --name N --password P [--role R] [--confirmed]" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard signature.action == "create", let email = signature.email, let name = signature.name,
            let password = signature.password
        else { throw "usage: kracht users create --email E --name N --password P [--role R] [--confirmed]" }
        // The same rules as the registration form, with its messages in English.
        var errors = FormErrors()
        let t = { (key: String) in app.catalogue.text(key, in: .en) }
        let checkedName = AccountRules.checkName(name, &errors, t)
        let checkedEmail = AccountRules.checkEmail(email, &errors, t)
        _ = AccountRules.checkPassword(password, email: checkedEmail, &errors, t)
        guard errors.isEmpty else {
            throw errors.fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
        }
        var role: Role?
        if let name = signature.role {
            guard let known = Role(rawValue: name) else { throw "unknown role \(name)" }
            role = known
        }
        try await app.autoMigrate()
        let user = try await Accounts.create(
            app: app, name: checkedName, email: checkedEmail, password: password, confirmed: signature.confirmed,
            roles: role.map { [$0] } ?? [])
        context.console.success("Created \(user.email)\(role.map { " with role \($0.rawValue)" } ?? "")")
    }
}
