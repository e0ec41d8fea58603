import Fluent
import Foundation
import KrachtCore

/// A skill on the shared list that grows as residents and organisers type new ones. A
/// coordinator merges synonyms: the merged skill points to the one it was merged into, every
/// reference moves there, and typing its name later finds the kept skill.
public final class Skill: Model, @unchecked Sendable {
    public static let schema = "skills"
    @ID(key: .id) public var id: UUID?
    /// As first typed, tidied (`SkillList.tidy`).
    @Field(key: "name") public var name: String
    /// Lower-cased, diacritics folded, spaces single: unique, what a new name is compared by.
    @Field(key: "normalized") public var normalized: String
    @OptionalField(key: "merged_into") public var mergedInto: UUID?
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}
