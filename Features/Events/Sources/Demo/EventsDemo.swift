import KrachtCore
import Vapor

/// The demo's events (stub: the demo helper).
enum EventsDemo {
    static func seed(app: Application, people: DemoPeople) async throws {}
}

/// `kracht events …` (stub: the demo helper adds the benchmark's fill).
struct EventsCommand: AsyncCommandGroup {
    var help: String { "Events: fill for the benchmark" }
    var commands: [String: any AnyAsyncCommand] { [:] }
}
