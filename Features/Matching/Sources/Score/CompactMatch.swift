import Foundation
import Initiatives

/// `MatchScore.score` on bitmasks and small integers, for scoring every open action on each
/// page view: the same weights, points only (reasons are worked out for the winners alone).
/// A test checks it ranks exactly as `MatchScore.best` does.
struct CompactAction: Sendable {
    var skills: [Int32]
    var domains: UInt32
    var district: Int32
    var area: Int32
    var online: Bool
    var slots: Int
    var languages: UInt32
    /// Seconds since 1970 after which it is past (a task's start), else infinity.
    var pastAt: Double
}

struct CompactProfile: Sendable {
    var skills: [UInt64]
    var domains: UInt32
    var district: Int32
    var area: Int32
    var grid: Int
    var languages: UInt32

    @inline(__always) func has(skill: Int32) -> Bool {
        let word = Int(skill) >> 6
        return word < skills.count && skills[word] & (1 << UInt64(skill & 63)) != 0
    }
}

/// Numbers for names: skills, places, domains and languages as indices, built with the catalogue.
struct CompactCodes: Sendable {
    var skills: [UUID: Int32] = [:]
    var places: [String: Int32] = [:]
    var domains: [String: Int] = [:]
    static let languages: [String: Int] = Dictionary(
        uniqueKeysWithValues: SpokenLanguage.all.enumerated().map { ($1.code, $0) })

    mutating func place(_ name: String?) -> Int32 {
        guard let name else { return -1 }
        if let code = places[name] { return code }
        let code = Int32(places.count)
        places[name] = code
        return code
    }

    func domainBits(_ slugs: Set<String>) -> UInt32 {
        slugs.reduce(0) { bits, slug in domains[slug].map { bits | (1 << UInt32($0 % 32)) } ?? bits }
    }

    static func languageBits(_ codes: Set<String>) -> UInt32 {
        codes.reduce(0) { bits, code in languages[code].map { bits | (1 << UInt32($0 % 32)) } ?? bits }
    }

    mutating func action(_ action: MatchAction) -> CompactAction {
        CompactAction(
            skills: action.skills.map { skill in
                if let code = skills[skill] { return code }
                let code = Int32(skills.count)
                skills[skill] = code
                return code
            },
            domains: domainBits(action.domains), district: place(action.district.map { "d:" + $0 }),
            area: place(action.area.map { "a:" + $0 }), online: action.online, slots: action.slots.bits,
            languages: Self.languageBits(action.languages),
            pastAt: action.kind == .task ? action.startsAt?.timeIntervalSince1970 ?? .infinity : .infinity)
    }

    func profile(_ profile: MatchProfile) -> CompactProfile {
        var words = [UInt64](repeating: 0, count: (skills.count + 63) / 64)
        for skill in profile.skills {
            guard let code = skills[skill] else { continue }
            words[Int(code) >> 6] |= 1 << UInt64(code & 63)
        }
        return CompactProfile(
            skills: words, domains: domainBits(profile.domains),
            district: profile.district.flatMap { places["d:" + $0] } ?? -2,
            area: profile.area.flatMap { places["a:" + $0] } ?? -2, grid: profile.availability.bits,
            languages: Self.languageBits(profile.languages))
    }
}

enum CompactScore {
    @inline(__always) static func points(_ p: CompactProfile, _ a: CompactAction) -> Int {
        var shared = 0
        for skill in a.skills where p.has(skill: skill) { shared += 1 }
        var points = MatchScore.perSkill * min(shared, MatchScore.maxSkills)
        if p.grid != 0 && (a.slots == 0 || a.slots & p.grid != 0) { points += MatchScore.time }
        if a.online {
            points += MatchScore.online
        } else if a.area >= 0 && a.area == p.area {
            points += MatchScore.sameArea
        } else if a.district >= 0 && a.district == p.district {
            points += MatchScore.sameDistrict
        }
        points += MatchScore.perDomain * min((a.domains & p.domains).nonzeroBitCount, MatchScore.maxDomains)
        if a.languages == 0 || a.languages & p.languages != 0 { points += MatchScore.language }
        return points
    }

    /// Indices of the `limit` best actions for which `include(index)` holds, best first.
    /// `actions` are in tie order already (`Match.ranksBefore` without the score), so a later
    /// action wins only with more points. `include` is asked only of actions that would get in.
    static func top(
        _ p: CompactProfile, _ actions: [CompactAction], limit: Int, now: Double, where include: (Int) -> Bool = { _ in true }
    ) -> [Int] {
        guard limit > 0 else { return [] }
        var kept: [(points: Int, index: Int)] = []
        kept.reserveCapacity(limit + 1)
        for index in actions.indices {
            let action = actions[index]
            if action.pastAt < now { continue }
            let points = points(p, action)
            if kept.count == limit, points <= kept[limit - 1].points { continue }
            guard include(index) else { continue }
            var at = kept.count
            while at > 0 && kept[at - 1].points < points { at -= 1 }
            kept.insert((points, index), at: at)
            if kept.count > limit { kept.removeLast() }
        }
        return kept.map(\.index)
    }
}
