import Fluent
import KrachtCore
import Vapor

/// `kracht fund <subcommand>`: the fund's work from the command line. Each subcommand is one
/// entry in `commands`.
struct FundCommand: AsyncCommandGroup {
    var help: String { "The Solidarity Fund: kracht fund import-statement FILE" }

    var commands: [String: any AnyAsyncCommand] {
        [
            "import-statement": ImportStatementCommand(),
            // The transparency page's benchmark (scripts/bench.sh): refuses a ledger with real entries.
            "seed-ledger": SeedLedgerCommand(),
            // The webhook benchmark (scripts/bench/webhooks.sh): refuses any Mollie but a local one.
            "bench-gifts": BenchGiftsCommand(),
        ]
    }
}

/// `kracht fund import-statement FILE [--language en]`: imports a CAMT.053 or MT940 statement
/// the bank delivered by SFTP, exactly as the upload page does; exits non-zero when refused.
struct ImportStatementCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The statement: CAMT.053 (XML) or MT940.") var file: String
        @Option(name: "language", help: "The language of the report: nl (default) or en.") var language: String?
    }

    var help: String { "Imports a bank statement (CAMT.053 or MT940): matches gifts by reference, queues the rest." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let language = signature.language.flatMap(Language.init(rawValue:)) ?? .nl
        let t = { (key: String, arguments: [String: String]) in app.catalogue.text(key, in: language, arguments) }
        let url = URL(fileURLWithPath: signature.file)
        switch try await ImportStatement(app: app).run(.file(url), fileName: url.lastPathComponent, by: nil) {
        case .refused(let problem):
            context.console.error(t(problem.key, problem.arguments))
            throw StatementRefused()
        case .imported(let summary):
            context.console.success(t("fund.bank.result", ["file": url.lastPathComponent]))
            for (key, count) in [
                ("fund.bank.matched", summary.matched), ("fund.bank.queued", summary.queued),
                ("fund.bank.duplicates", summary.duplicates), ("fund.bank.debits", summary.debits),
                ("fund.bank.skipped", summary.skipped.count),
            ] {
                context.console.print("  " + app.catalogue.text(key, in: language, count: count))
            }
            for skipped in summary.skipped {
                context.console.print(
                    "  "
                        + t(
                            "fund.bank.skip.line",
                            ["line": "\(skipped.fileLine)", "reason": t("fund.bank.skip.\(skipped.reason.rawValue)", [:])]))
            }
        }
    }

    struct StatementRefused: Error, CustomStringConvertible {
        var description: String { "the statement was refused; nothing was imported" }
    }
}
