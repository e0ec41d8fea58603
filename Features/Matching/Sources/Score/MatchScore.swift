import Foundation
import Initiatives
import KrachtCore

/// OWNER: the matching helper. The shapes the digest codes against (the matching helper may refine them).
public struct MatchProfile: Sendable {
    public var userID: UUID
    public var skills: Set<UUID>
    public var domains: Set<String>
    public var district: String?
    public var area: String?
    public var availability: AvailabilityGrid
    public var languages: Set<String>
}

public struct MatchAction: Sendable {
    public var id: UUID
    public var initiativeID: UUID
    public var initiativeSlug: String
    public var title: String
    public var initiativeName: String
    public var skills: Set<UUID>
    public var domains: Set<String>
    public var district: String?
    public var area: String?
    public var online: Bool
    public var slots: AvailabilityGrid
    public var languages: Set<String>
    public var startsAt: Date?
    public var createdAt: Date
}

public enum MatchReason: Sendable, Hashable {
    case skill(UUID), time(weekday: Int, part: AvailabilityGrid.DayPart), sameArea(String), sameDistrict(String), online
    case domain(String), language(String)
}

public struct Match: Sendable {
    public var action: MatchAction
    public var score: Int
    public var reasons: [MatchReason]
}

public enum MatchScore {
    public static func score(_ profile: MatchProfile, _ action: MatchAction) -> Match {
        Match(action: action, score: 0, reasons: [])
    }
}
