import Fluent
import KrachtCore
import Vapor

/// The fund's help's subcommands of `kracht fund` (the money side gives the others; the app
/// merges the two groups). Each subcommand is one entry in `commands`.
struct FundHelpCommand: AsyncCommandGroup {
    var help: String { "kracht fund rotate-key | bench-cases N --open M" }

    var commands: [String: any AnyAsyncCommand] {
        [
            "rotate-key": RotateKeyCommand(),
            // The committee queue's and the rotation's benchmark (scripts/bench/fund-help.sh).
            "bench-cases": BenchCasesCommand(),
        ]
    }
}

/// `kracht fund rotate-key [--batch 500]`: re-seals what an older `KRACHT_FUND_KEY` key
/// sealed under the newest one, while the site keeps running (`RotateFundKey`).
struct RotateKeyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "batch", help: "Rows per transaction (default 500).") var batch: Int?
    }

    var help: String { "Re-seals the fund's personal data under the newest key of KRACHT_FUND_KEY (safe to re-run)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let console = context.console
        console.print("Re-sealing under fund key version \(app.fundSealer.keys[0].version)…")
        let started = Date()
        let summary = try await RotateFundKey(app: app, batchSize: max(1, signature.batch ?? 500)).run { line in console.print("  " + line)
        }
        console.success("\(summary) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
        if summary.unreadableDocuments > 0 { console.warning("Run kracht verify: some documents could not be read.") }
        if app.fundSealer.keys.count > 1 {
            console.print("When no other instance still seals with an old key, remove the old keys from KRACHT_FUND_KEY.")
        }
    }
}
