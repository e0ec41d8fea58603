import Fluent
import KrachtCore
import Vapor

/// `kracht events fill …`: the agenda benchmark's data (never in production).
struct EventsCommand: AsyncCommandGroup {
    var help: String { "Events: fill (benchmark data)" }
    var commands: [String: any AnyAsyncCommand] { ["fill": EventsFillCommand()] }
}

/// `kracht events fill --occurrences 5000 [--race 50]`: future events over every district and
/// kind for two years, and (with `--race N`) one free event with N places for the registration race.
struct EventsFillCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "occurrences", help: "How many future events (default 5000).") var occurrences: Int?
        @Option(name: "race", help: "Also one free event with this many places; prints its slug.") var race: Int?
    }

    var help: String { "Benchmark data: future events over two years (never in production)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard app.environment != .production else { throw "kracht events fill never runs in production" }
        try await app.autoMigrate()
        let started = Date()
        let count = min(max(signature.occurrences ?? 5_000, 0), 200_000)
        let fill = EventsFill(app: app)
        let first = try await fill.events(count)
        var line = "Filled \(count) events in \(String(format: "%.1f", Date().timeIntervalSince(started))) s."
        if let first { line += " First: \(first)." }
        context.console.success(line)
        if let places = signature.race {
            let slug = try await fill.raceEvent(places: min(max(places, 1), 10_000))
            context.console.print("Race event: \(slug)")
        }
    }
}
