import Foundation
import Initiatives
import KrachtCore

/// What a resident offers, as matching reads it (`ProfileData.matchProfile`). Empty sets and a
/// nil place mean "not said": they earn no points and cost none.
public struct MatchProfile: Sendable {
    public var userID: UUID
    public var skills: Set<UUID>
    public var domains: Set<String>
    public var district: String?
    public var area: String?
    public var availability: AvailabilityGrid
    public var languages: Set<String>

    public init(
        userID: UUID, skills: Set<UUID> = [], domains: Set<String> = [], district: String? = nil, area: String? = nil,
        availability: AvailabilityGrid = AvailabilityGrid(), languages: Set<String> = []
    ) {
        self.userID = userID
        self.skills = skills
        self.domains = domains
        self.district = district
        self.area = area
        self.availability = availability
        self.languages = languages
    }
}

/// An open action as matching reads it (`OpenActionCatalogue`): its initiative's domains, its
/// skills, place, time cells and languages.
public struct MatchAction: Sendable {
    public var id: UUID
    public var initiativeID: UUID
    public var initiativeSlug: String
    public var title: String
    public var initiativeName: String
    public var kind: InitiativeAction.Kind
    public var skills: Set<UUID>
    public var domains: Set<String>
    public var district: String?
    public var area: String?
    public var online: Bool
    public var slots: AvailabilityGrid
    public var languages: Set<String>
    public var startsAt: Date?
    public var createdAt: Date

    public init(
        id: UUID = UUID(), initiativeID: UUID = UUID(), initiativeSlug: String = "", title: String = "", initiativeName: String = "",
        kind: InitiativeAction.Kind = .role, skills: Set<UUID> = [], domains: Set<String> = [], district: String? = nil,
        area: String? = nil, online: Bool = false, slots: AvailabilityGrid = AvailabilityGrid(), languages: Set<String> = [],
        startsAt: Date? = nil, createdAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.initiativeID = initiativeID
        self.initiativeSlug = initiativeSlug
        self.title = title
        self.initiativeName = initiativeName
        self.kind = kind
        self.skills = skills
        self.domains = domains
        self.district = district
        self.area = area
        self.online = online
        self.slots = slots
        self.languages = languages
        self.startsAt = startsAt
        self.createdAt = createdAt
    }

    /// A one-off task that has started is over for matching; shifts and roles go on.
    public func isPast(at now: Date) -> Bool { kind == .task && (startsAt.map { $0 < now } ?? false) }

    /// The action's page, where one joins.
    public var path: String { InitiativesPath.action(.value(initiativeSlug), action: .value(id)).path }
}

/// Why an action fits, in the order the page shows them (`MatchReasonText` puts them in words).
public enum MatchReason: Sendable, Hashable {
    case skill(UUID)
    case time(weekday: Int, part: AvailabilityGrid.DayPart)
    /// The action takes place whenever it suits (no time cells) and the profile said when it is free.
    case anyTime
    case sameArea(String), sameDistrict(String), online
    case domain(String), language(String)
}

public struct Match: Sendable {
    public var action: MatchAction
    public var score: Int
    public var reasons: [MatchReason]

    /// Best first; ties by the soonest start (none last), then the newest, then the id — stable.
    public static func ranksBefore(_ a: Match, _ b: Match) -> Bool {
        if a.score != b.score { return a.score > b.score }
        let aStart = a.action.startsAt ?? .distantFuture
        let bStart = b.action.startsAt ?? .distantFuture
        if aStart != bStart { return aStart < bStart }
        if a.action.createdAt != b.action.createdAt { return a.action.createdAt > b.action.createdAt }
        return a.action.id.uuidString < b.action.id.uuidString
    }
}

/// The score of an action for a profile: a sum of small, fixed weights, so every point has a
/// reason a resident can read. The weights and worked examples are in `docs/matching.md`.
public enum MatchScore {
    /// Per shared skill, for at most `maxSkills`: a skill asked is the strongest sign of fit.
    public static let perSkill = 30, maxSkills = 2
    /// The action falls in a cell the profile marked free (or takes place whenever it suits).
    public static let time = 20
    /// Place: one's own area beats the district; online fits everyone, just below one's own area.
    public static let sameArea = 25, online = 20, sameDistrict = 15
    /// Per domain shared with the action's initiative, for at most `maxDomains`.
    public static let perDomain = 10, maxDomains = 2
    /// One of the action's languages is spoken, or it asks none.
    public static let language = 5

    /// The score and reasons of `action` for `profile`. Pure: the same inputs give the same match.
    public static func score(_ profile: MatchProfile, _ action: MatchAction) -> Match {
        var points = 0
        var reasons: [MatchReason] = []

        let skills = action.skills.intersection(profile.skills).sorted { $0.uuidString < $1.uuidString }
        points += perSkill * min(skills.count, maxSkills)
        reasons += skills.map(MatchReason.skill)

        // An empty profile grid said nothing: no time points, and no penalty either.
        if !profile.availability.isEmpty {
            if action.slots.isEmpty {
                points += time
                reasons.append(.anyTime)
            } else if let cell = AvailabilityGrid(bits: action.slots.bits & profile.availability.bits).cells.first {
                points += time
                reasons.append(.time(weekday: cell.weekday, part: cell.part))
            }
        }

        if action.online {
            points += online
            reasons.append(.online)
        } else if let area = action.area, area == profile.area {
            points += sameArea
            reasons.append(.sameArea(area))
        } else if let district = action.district, district == profile.district {
            points += sameDistrict
            reasons.append(.sameDistrict(district))
        }

        let domains = action.domains.intersection(profile.domains).sorted()
        points += perDomain * min(domains.count, maxDomains)
        reasons += domains.map(MatchReason.domain)

        if action.languages.isEmpty {
            points += language
        } else if let shared = action.languages.intersection(profile.languages).sorted().first {
            points += language
            reasons.append(.language(shared))
        }
        return Match(action: action, score: points, reasons: reasons)
    }

    /// The `limit` best of `actions` for `profile`, past ones left out (`Match.ranksBefore`).
    public static func best(for profile: MatchProfile, in actions: [MatchAction], limit: Int, now: Date) -> [Match] {
        let matches = actions.lazy.filter { !$0.isPast(at: now) }.map { score(profile, $0) }
        return Array(matches.sorted(by: Match.ranksBefore).prefix(limit))
    }
}
