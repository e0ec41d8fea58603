import Fluent
import Foundation
import KrachtCore

/// A residents' initiative: what, why, where, its domains and the policy agendas it relates to.
/// Public only once a coordinator approved it; its organisers edit it. Its counters (hours,
/// people reached and connected) are kept by the commands that change them and recounted by
/// `kracht verify`.
public final class Initiative: Model, @unchecked Sendable {
    public static let schema = "initiatives"

    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting for a coordinator; visible only to its organisers and coordinators.
        case pending
        case approved, rejected
        /// Stopped by its organisers: still readable, no longer in search or the ranking.
        case archived
    }

    @ID(key: .id) public var id: UUID?
    /// Unique, readable, never one of `InitiativesPath.reservedSlugs`.
    @Field(key: "slug") public var slug: String
    @Field(key: "name") public var name: String
    /// What it does, in a sentence or two.
    @Field(key: "summary") public var summary: String
    /// Why it exists: the longer story.
    @Field(key: "why") public var why: String
    /// District and area slugs from `districts.csv`; nil area means the whole district, nil
    /// district the whole city.
    @OptionalField(key: "district") public var district: String?
    @OptionalField(key: "area") public var area: String?
    /// How the public reaches it, as the organisers wrote it (a website, an e-mail address of the initiative).
    @OptionalField(key: "contact") public var contact: String?
    @Field(key: "under_flag") public var underFlag: Bool
    @Field(key: "status") public var status: Status
    @OptionalField(key: "rejection_reason") public var rejectionReason: String?
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    /// Confirmed volunteer minutes on its actions.
    @Field(key: "confirmed_minutes") public var confirmedMinutes: Int64
    /// People reached, as logged with the confirmed hours.
    @Field(key: "people_reached") public var peopleReached: Int64
    /// Distinct people connected: accepted on one of its actions, or members.
    @Field(key: "people_connected") public var peopleConnected: Int64

    public init() {}

    public var isPublic: Bool { status == .approved || status == .archived }
}

/// One of an initiative's domains (`domains.csv` slug).
public final class InitiativeDomain: Model, @unchecked Sendable {
    public static let schema = "initiative_domains"
    @ID(key: .id) public var id: UUID?
    @Field(key: "initiative_id") public var initiativeID: UUID
    @Field(key: "domain") public var domain: String
    public init() {}
    public init(initiativeID: UUID, domain: String) {
        self.initiativeID = initiativeID
        self.domain = domain
    }
}

/// A municipal policy agenda an initiative relates to (`policy-agendas.csv` slug).
public final class InitiativeAgenda: Model, @unchecked Sendable {
    public static let schema = "initiative_agendas"
    @ID(key: .id) public var id: UUID?
    @Field(key: "initiative_id") public var initiativeID: UUID
    @Field(key: "agenda") public var agenda: String
    public init() {}
    public init(initiativeID: UUID, agenda: String) {
        self.initiativeID = initiativeID
        self.agenda = agenda
    }
}

/// Someone who runs an initiative: its initiator and the co-organisers they added. Only they
/// edit it, add actions and decide who joins.
public final class InitiativeOrganiser: Model, @unchecked Sendable {
    public static let schema = "initiative_organisers"
    @ID(key: .id) public var id: UUID?
    @Field(key: "initiative_id") public var initiativeID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "is_initiator") public var isInitiator: Bool
    @Field(key: "added_at") public var addedAt: Date
    public init() {}
}

/// A member of an initiative: an idea's supporter when the idea became this initiative, or a
/// resident accepted on one of its actions.
public final class InitiativeMember: Model, @unchecked Sendable {
    public static let schema = "initiative_members"
    public enum Source: String, Codable, Sendable { case idea, action }
    @ID(key: .id) public var id: UUID?
    @Field(key: "initiative_id") public var initiativeID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "source") public var source: Source
    @Field(key: "joined_at") public var joinedAt: Date
    public init() {}
}
