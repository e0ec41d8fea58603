import Fluent
import Foundation
import KrachtCore
import Vapor

/// An initiative's volunteer hours, their value in euros, people reached and connected
/// (`initiatives/_value.leaf`). OWNER: the value helper.
public struct InitiativeValue: Encodable, Sendable {
    public static func of(_ initiative: Initiative, req: Request) -> InitiativeValue { InitiativeValue() }
}

/// Sets every maintained counter from its tables (after bulk fills and the demo). OWNER: the value helper.
public enum InitiativeCounters {
    public static func recount(on db: any Database) async throws {}
}
