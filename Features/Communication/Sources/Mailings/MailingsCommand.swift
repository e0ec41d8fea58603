import Fluent
import KrachtCore
import Vapor

/// `kracht mailings …`: the mailing benchmark only.
struct MailingsCommand: AsyncCommandGroup {
    var help: String { "Mailings: send (benchmark)" }
    var commands: [String: any AnyAsyncCommand] { ["send": MailingSendCommand()] }
}

/// `kracht mailings send SUBJECT`: writes a short mailing to every confirmed subscriber and
/// starts sending it, as the first account or a new coordinator when there is none (for the
/// mailing benchmark; the running server's worker does the rest).
struct MailingSendCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "subject", help: "The mailing's subject.") var subject: String
    }

    var help: String { "Sends a short mailing to every confirmed subscriber (benchmark)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        var found = try await User.query(on: app.db).first()
        if found == nil {
            found = try await Accounts.create(
                app: app, name: "Benchmark", email: "bench-coordinator@example.nl", password: SecureToken.make(),
                confirmed: true, roles: [.coordinator])
        }
        guard let user = found else { throw "no account to send as" }
        let form = MailingForm(
            fields: FormFields([("subject", signature.subject), ("body", "Hallo,\n\nDit is **Kracht**: lees [het plan](/plannen).")]))
        guard case .saved(let id) = try await SaveMailing(app: app).run(form, id: nil, by: user, t: { $0 }) else {
            throw "the mailing was refused"
        }
        let reach = try await form.segment.count(app: app)
        let outcome = try await SendMailing(app: app).run(id: id, expected: reach, by: user)
        context.console.success("\(id.uuidString) \(outcome)")
    }
}
