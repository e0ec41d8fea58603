import Fluent
import KrachtCore
import Vapor

/// `kracht manifesto fill --signatures N`: many confirmed signatures at once, for benchmarks
/// and for seeing the pages at scale.
struct FillCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "fill") var action: String
        @Option(name: "signatures", help: "How many confirmed signatures to add (default 1000).") var count: Int?
    }

    var help: String { "manifesto fill --signatures N: adds N confirmed demo signatures." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "fill" else { throw "usage: kracht manifesto fill --signatures N" }
        let app = context.application
        try await app.autoMigrate()
        let total = max(0, min(signature.count ?? 1000, 10_000_000))
        let added = try await DemoSignatures.add(total, app: app, campaign: "fill")
        context.console.success("Added \(added) confirmed signatures.")
    }
}
