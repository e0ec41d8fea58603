import Fluent
import Foundation
import KrachtCore
import SQLKit

/// The shared, growing list of skills: a typed name finds the skill it means however it is
/// capitalised or accented, follows a coordinator's merge to the kept skill, or becomes a new one.
public enum SkillList {
    /// The most skills one action or profile may list.
    public static let maxPerList = 20
    public static let maxNameLength = 60

    public enum Problem: Sendable, Equatable {
        case tooMany
        case tooLong(String)
        case invalidCharacters(String)
    }

    /// A comma-separated field split into tidy names, without doubles (by normalised form), or
    /// the first problem: more than `maxPerList`, a name too long or with other characters.
    public static func split(_ text: String?) -> (names: [String], problem: Problem?) {
        let pieces = (text ?? "").split(separator: ",", omittingEmptySubsequences: true)
        var names: [String] = []
        var seen = Set<String>()
        for piece in pieces {
            let name = collapse(String(piece))
            if name.isEmpty { continue }
            if name.count > maxNameLength { return ([], .tooLong(String(name.prefix(maxNameLength)) + "…")) }
            guard tidy(name) != nil else { return ([], .invalidCharacters(String(name.prefix(maxNameLength)))) }
            if seen.insert(normalize(name)).inserted { names.append(name) }
            // Counted while reading, so 5,000 names stop at the 21st.
            if names.count > maxPerList { return ([], .tooMany) }
        }
        return (names, nil)
    }

    /// A name as stored: trimmed, spaces single, at most 60 characters of letters, digits, space,
    /// `-`, `'` and `&`; nil for anything else.
    public static func tidy(_ name: String) -> String? {
        let tidied = collapse(name)
        guard !tidied.isEmpty, tidied.count <= maxNameLength,
            tidied.unicodeScalars.allSatisfy({
                CharacterSet.letters.contains($0) || CharacterSet.decimalDigits.contains($0)
                    || CharacterSet.nonBaseCharacters.contains($0) || " -'&".unicodeScalars.contains($0)
            })
        else { return nil }
        return tidied
    }

    /// What two names are compared by: lower-cased, diacritics folded, spaces single.
    public static func normalize(_ name: String) -> String {
        collapse(name).folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
    }

    private static func collapse(_ name: String) -> String {
        name.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The canonical skills for typed names (creating new ones, following merges), in order,
    /// without doubles. Names that are not a skill (`tidy` gives nil) are left out: callers check
    /// the field with `split` first and refuse more than `maxPerList`.
    public static func resolve(_ names: [String], at now: Date, on db: any Database) async throws -> [Skill] {
        var skills: [Skill] = []
        var seen = Set<UUID>()
        for name in names.prefix(maxPerList * 2) {
            guard let tidied = tidy(name) else { continue }
            guard let skill = try await findOrCreate(tidied, at: now, on: db) else { continue }
            let canonical = try await follow(skill, on: db)
            if let id = canonical.id, seen.insert(id).inserted { skills.append(canonical) }
        }
        return skills
    }

    /// Race-safe: two requests typing the same new skill both end with the one row.
    private static func findOrCreate(_ name: String, at now: Date, on db: any Database) async throws -> Skill? {
        let normalized = normalize(name)
        if let found = try await Skill.query(on: db).filter(\.$normalized == normalized).first() { return found }
        try await db.sql.insert(into: Skill.schema)
            .columns("id", "name", "normalized", "created_at")
            .values(SQLBind(UUID()), SQLBind(name), SQLBind(normalized), SQLBind(now))
            .ignoringConflicts(with: ["normalized"])
            .run()
        return try await Skill.query(on: db).filter(\.$normalized == normalized).first()
    }

    /// The skill a merged one points to (a few hops at most; a cycle stops where it started).
    private static func follow(_ skill: Skill, on db: any Database) async throws -> Skill {
        var current = skill
        var hops = 0
        while let next = current.mergedInto, hops < 10, let target = try await Skill.find(next, on: db) {
            current = target
            hops += 1
        }
        return current
    }

    /// The names of these skills, by id.
    public static func names(of ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let skills = try await Skill.query(on: db).filter(\.$id ~~ Set(ids)).all()
        return Dictionary(skills.compactMap { skill in skill.id.map { ($0, skill.name) } }, uniquingKeysWith: { a, _ in a })
    }

    /// How many names a skills field suggests: enough to find the usual ones, small enough for
    /// every form page.
    public static let suggestionLimit = 300

    /// The suggestions of a skills field (`<datalist>`): the most-used skills across every table
    /// that points at skills (`app.skillReferences`), ties by name, at most `limit`, by name.
    public static func suggestions(
        references: [SkillReference], limit: Int = suggestionLimit, on db: any Database
    ) async throws -> [String] {
        guard !references.isEmpty, limit > 0 else { return [] }
        // Counted in the database: the list of skills may be long, the answer is not.
        var uses: SQLQueryString = ""
        for (index, reference) in references.enumerated() {
            if index > 0 { uses += " UNION ALL " }
            uses += "SELECT skill_id FROM \(ident: reference.table)"
        }
        struct Row: Decodable { var name: String }
        let rows = try await db.sql.raw(
            """
            SELECT s.name FROM \(ident: Skill.schema) s
            JOIN (SELECT skill_id, COUNT(*) AS uses FROM (\(uses)) u GROUP BY skill_id) c ON c.skill_id = s.id
            WHERE s.merged_into IS NULL ORDER BY c.uses DESC, s.normalized LIMIT \(literal: limit)
            """
        ).all(decoding: Row.self)
        return rows.map(\.name).sorted { normalize($0) < normalize($1) }
    }

    /// The translated message for a problem of a skills field.
    public static func message(for problem: Problem, _ t: (String, [String: String]) -> String) -> String {
        switch problem {
        case .tooMany: t("initiatives.skill.error.too_many", ["max": String(maxPerList)])
        case .tooLong(let name): t("initiatives.skill.error.too_long", ["name": name, "max": String(maxNameLength)])
        case .invalidCharacters(let name): t("initiatives.skill.error.characters", ["name": name])
        }
    }
}
