import Fluent
import KrachtCore
import Vapor

/// `kracht initiatives fill …` (the benchmark's data) and `kracht initiatives digest [--dry-run]`.
struct MatchingCommand: AsyncCommandGroup {
    let help = "Initiatives and matching: fill (benchmark data), digest (the weekly digest, now)"
    var commands: [String: any AnyAsyncCommand] { ["fill": FillCommand(), "digest": DigestCommand()] }
}

/// `kracht initiatives fill --initiatives 2000 --actions 10000 --profiles 100000 [--skills 300]`.
struct FillCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "initiatives", help: "How many initiatives (default 2000).") var initiatives: Int?
        @Option(name: "actions", help: "How many actions (default 10000).") var actions: Int?
        @Option(name: "profiles", help: "How many residents with a profile (default 100000).") var profiles: Int?
        @Option(name: "skills", help: "How many skills on the list (default 300).") var skills: Int?
    }

    var help: String { "Benchmark data: initiatives, actions, residents with profiles (never in production)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard app.environment != .production else { throw "kracht initiatives fill never runs in production" }
        try await app.autoMigrate()
        var numbers = InitiativesFill.Numbers()
        numbers.initiatives = min(max(signature.initiatives ?? numbers.initiatives, 0), 200_000)
        numbers.actions = min(max(signature.actions ?? numbers.actions, 0), 1_000_000)
        numbers.profiles = min(max(signature.profiles ?? numbers.profiles, 1), 2_000_000)
        numbers.skills = min(max(signature.skills ?? numbers.skills, 1), 2_000)
        let started = Date()
        let console = context.console
        let summary = try await InitiativesFill(app: app, numbers: numbers) { line in
            console.print("  \(line) (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
        }.run()
        console.success(
            "Filled \(summary.initiatives) initiatives, \(summary.actions) actions, \(summary.profiles) residents with a profile, "
                + "\(summary.skills) skills in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
        console.print(
            "Bench account (a resident with a profile who also runs initiatives): \(summary.resident), password \(DemoPeople.password)")
    }
}

/// `kracht initiatives digest [--dry-run]`: the weekly digest now, whatever the weekday (profiles
/// mailed in the last 6 days are still skipped); prints how many mails and how long it took.
struct DigestCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: "Compute every digest but mail nothing and change nothing.") var dryRun: Bool
    }

    var help: String { "Runs the weekly digest now (--dry-run: compute only)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let result = try await WeeklyDigest(app: app).run(anyWeekday: true, dryRun: signature.dryRun)
        context.console.success(
            "DIGEST profiles=\(result.profiles) mails=\(result.mails) seconds=\(String(format: "%.2f", result.seconds))"
                + (signature.dryRun ? " (dry run: nothing mailed)" : ""))
    }
}
