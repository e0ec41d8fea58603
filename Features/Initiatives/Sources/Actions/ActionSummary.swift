import Fluent
import Foundation
import KrachtCore
import Vapor

/// An action as listed on its initiative's page (`initiatives/_actions.leaf`).
/// OWNER: the actions helper (stub: keep the names the initiative page uses).
public struct ActionSummary: Encodable, Sendable {
    public var id: UUID
    public var title: String
    public var path: String

    public static func list(for initiative: Initiative, viewer: User?, req: Request) async throws -> [ActionSummary] { [] }
}

/// The follow button and the appreciations on an initiative's page (`initiatives/_appreciations.leaf`).
/// OWNER: the actions helper.
public struct AppreciationSection: Encodable, Sendable {
    public static func load(for initiative: Initiative, viewer: User?, req: Request) async throws -> AppreciationSection {
        AppreciationSection()
    }
}
