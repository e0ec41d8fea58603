import Fluent
import KrachtCore
import Vapor

/// OWNER: the demo helper.
enum InitiativesDemo {
    static func seed(app: Application, people: DemoPeople) async throws {}
}
