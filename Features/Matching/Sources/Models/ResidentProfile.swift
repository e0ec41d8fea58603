import Fluent
import Foundation
import Initiatives
import KrachtCore

/// What a resident offers, for matching: domains and skills (their own tables), district and
/// area, the weekly availability grid, languages, and two choices — to be findable by organisers
/// (name and reasons only) and to get the weekly digest. All optional: without a profile one
/// still browses and joins.
public final class ResidentProfile: Model, @unchecked Sendable {
    public static let schema = "resident_profiles"
    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @OptionalField(key: "district") public var district: String?
    @OptionalField(key: "area") public var area: String?
    /// `AvailabilityGrid.bits`.
    @Field(key: "availability") public var availability: Int
    /// `SpokenLanguage` codes, comma-separated.
    @Field(key: "languages") public var languages: String
    @Field(key: "findable") public var findable: Bool
    @Field(key: "digest") public var digest: Bool
    @OptionalField(key: "last_digest_at") public var lastDigestAt: Date?
    @Field(key: "updated_at") public var updatedAt: Date
    public init() {}
}

public final class ProfileSkill: Model, @unchecked Sendable {
    public static let schema = "profile_skills"
    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "skill_id") public var skillID: UUID
    public init() {}
}

public final class ProfileDomain: Model, @unchecked Sendable {
    public static let schema = "profile_domains"
    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "domain") public var domain: String
    public init() {}
}
