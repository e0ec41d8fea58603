import Fluent
import Foundation
import KrachtCore
import Vapor

/// `kracht plans fill …`: the plan benchmark's data (never in production).
struct PlansCommand: AsyncCommandGroup {
    var help: String { "Plans: fill (benchmark data)" }
    var commands: [String: any AnyAsyncCommand] { ["fill": PlansFillCommand()] }
}

/// `kracht plans fill [--sections 50] [--versions 20] [--reactions 10000] [--slug bench-plan]`.
struct PlansFillCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "sections", help: "Sections (default 50, three activities each).") var sections: Int?
        @Option(name: "versions", help: "Published versions (default 20).") var versions: Int?
        @Option(name: "reactions", help: "Reactions, a tenth of them replies (default 10000).") var reactions: Int?
        @Option(name: "slug", help: "The plan's slug (default bench-plan).") var slug: String?
    }

    var help: String { "Benchmark data: one large published plan with versions, reactions and supports (never in production)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard app.environment != .production else { throw "kracht plans fill never runs in production" }
        try await app.autoMigrate()
        let started = Date()
        var numbers = PlansFill.Numbers()
        numbers.sections = min(max(signature.sections ?? 50, 1), 500)
        numbers.versions = min(max(signature.versions ?? 20, 1), 200)
        numbers.reactions = min(max(signature.reactions ?? 10_000, 0), 1_000_000)
        let summary = try await PlansFill(app: app, numbers: numbers).run(slug: signature.slug ?? "bench-plan")
        context.console.success(
            "Filled \(summary.slug): \(numbers.sections) sections, \(numbers.versions) versions, \(summary.reactions) reactions, "
                + "\(summary.supports) supports in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
    }
}
