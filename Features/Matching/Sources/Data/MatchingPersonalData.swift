import Fluent
import KrachtCore
import Vapor

/// OWNER: the ideas helper (profiles' part: the matching helper tells them what to add).
enum MatchingPersonalData {
    static func export(of user: User, on db: any Database) async throws -> JSONValue? { nil }
    static func erase(of user: User, on db: any Database) async throws {}
}

enum MatchingRetention {
    static func purge(now: Date, on db: any Database) async throws {}
}

enum MatchingVerify {
    static func problems(on db: any Database) async throws -> [String] { [] }
}
