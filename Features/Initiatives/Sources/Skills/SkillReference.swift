import Fluent
import Foundation
import Vapor

/// A table that points at skills (`skill_id` and an owner column): merging two skills moves
/// every reference in each registered table. Initiatives registers its actions' skills; the
/// matching feature its profiles'.
public struct SkillReference: Sendable, Hashable {
    public var table: String
    /// The column that, with `skill_id`, is unique (the action, the profile's person).
    public var owner: String
    public init(table: String, owner: String) {
        self.table = table
        self.owner = owner
    }
}

extension Application {
    public var skillReferences: [SkillReference] {
        get { storage[SkillReferencesKey.self] ?? [] }
        set { storage[SkillReferencesKey.self] = newValue }
    }
    private struct SkillReferencesKey: StorageKey { typealias Value = [SkillReference] }
}
