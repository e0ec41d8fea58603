import Foundation
import KrachtCore
import Vapor

/// The seed's plans in the demo (helper X).
enum PlansDemo {
    static func seed(app: Application, people: DemoPeople) async throws {}
}

/// `kracht plans fill` for the benchmark (helper X).
struct PlansCommand: AsyncCommandGroup {
    let help = "Plans: fill the database for the benchmark"
    var commands: [String: any AnyAsyncCommand] { [:] }
}
