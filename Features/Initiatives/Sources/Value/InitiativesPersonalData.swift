import Fluent
import KrachtCore
import Vapor

/// OWNER: the value helper.
enum InitiativesPersonalData {
    static func export(of user: User, on db: any Database) async throws -> JSONValue? { nil }
    static func erase(of user: User, on db: any Database) async throws {}
}

enum InitiativesRetention {
    static func purge(now: Date, on db: any Database) async throws {}
}

enum InitiativesVerify {
    static func problems(on db: any Database) async throws -> [String] { [] }
}
