import KrachtCore
import Vapor

/// `kracht verify`: checks every feature's invariants (maintained counters equal their
/// tables) and exits non-zero on any difference.
struct VerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Checks that maintained counters match the tables they count." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        var problems: [String] = []
        for feature in app.features { problems += try await feature.verify(app: app) }
        guard problems.isEmpty else {
            problems.forEach { context.console.error($0) }
            throw "verification failed"
        }
        context.console.success("All counters match their tables.")
    }
}
