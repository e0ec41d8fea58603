import Fluent
import Foundation
import KrachtCore

/// The shared, growing list of skills. OWNER: the actions helper.
public enum SkillList {
    /// The canonical skills for typed names (creating new ones, following merges), in order, without doubles.
    public static func resolve(_ names: [String], at now: Date, on db: any Database) async throws -> [Skill] { [] }
}
