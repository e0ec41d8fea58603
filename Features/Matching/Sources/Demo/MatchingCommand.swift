import Fluent
import KrachtCore
import Vapor

/// `kracht initiatives …`: OWNER: the digest helper.
struct MatchingCommand: AsyncCommandGroup {
    let help = "Initiatives and matching: fill (benchmark data), digest"
    var commands: [String: any AnyAsyncCommand] { [:] }
}

enum MatchingDemo {
    static func seed(app: Application, people: DemoPeople) async throws {}
}
