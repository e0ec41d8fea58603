import Foundation
import KrachtCore

/// Two versions of a plan compared section by section: each section added, removed,
/// changed (its words added and removed) or the same, and moved or not; activities added,
/// removed or changed. The context of the partial `plans/_diff.leaf`, used by the diff page and
/// the publish page. Sections are compared on their Markdown, not their HTML: what the editor
/// typed is what the reader sees change.
public struct PlanDiffView: Encodable, Sendable {
    public enum Status: String, Encodable, Sendable { case added, removed, changed, same }

    /// The plan's title and summary, when they changed.
    public var title: WordsView?
    public var summary: WordsView?
    /// In the new order, each removed section after the one it followed.
    public var sections: [SectionChange] = []
    public var counts = Counts()
    /// False when the two versions are the same.
    public var hasChanges = false

    public struct SectionChange: Encodable, Sendable {
        public var id: UUID
        /// The title now (the old one for a removed section).
        public var title: String
        public var status: Status
        /// Its place among the sections of both versions changed.
        public var moved: Bool = false
        /// Words of the title, when it changed.
        public var titleWords: WordsView?
        /// Words of the Markdown: all added, all removed, or the changes; empty when the same.
        public var body: WordsView = WordsView(pieces: [])
        public var activities: [ActivityChange] = []
    }

    public struct ActivityChange: Encodable, Sendable {
        public var id: UUID
        public var title: String
        public var status: Status
        public var titleWords: WordsView?
        public var descriptionWords: WordsView?
        /// The short fields that changed, before and after (domain and district by name).
        public var fields: [FieldChange] = []
    }

    public struct FieldChange: Encodable, Sendable {
        public enum Field: String, Encodable, Sendable { case organiser, timing, needs, domain, district }
        public var field: Field
        public var old: String
        public var new: String
    }

    public struct Counts: Encodable, Sendable {
        public var sectionsAdded = 0, sectionsRemoved = 0, sectionsChanged = 0, sectionsMoved = 0
        public var activitiesAdded = 0, activitiesRemoved = 0, activitiesChanged = 0
        public var total: Int {
            sectionsAdded + sectionsRemoved + sectionsChanged + sectionsMoved + activitiesAdded + activitiesRemoved + activitiesChanged
        }
    }

    public init() {}
}

/// The words of a text diff: the context of `plans/_words.leaf` (`#extend("plans/_words", x)`
/// with `x` a `WordsView`), which marks each piece `<ins>`/`<del>` with a hidden "toegevoegd:" /
/// "verwijderd:" for screen readers.
public struct WordsView: Encodable, Sendable {
    public var pieces: [WordDiff.Piece]
    public init(pieces: [WordDiff.Piece]) { self.pieces = pieces }
    public init(old: String, new: String) { self.pieces = WordDiff.compare(old, new) }
}

/// How a domain slug and a district code are named on the page (the codes themselves by default).
public struct PlanNames: Sendable {
    public var domain: @Sendable (String) -> String
    public var district: @Sendable (String) -> String
    public init(domain: @escaping @Sendable (String) -> String, district: @escaping @Sendable (String) -> String) {
        self.domain = domain
        self.district = district
    }
    public static let codes = PlanNames(domain: { $0 }, district: { $0 })

    /// Names from the reference data, in the reader's language.
    public static func reference(_ reference: ReferenceData, in language: Language) -> PlanNames {
        PlanNames(
            domain: { slug in reference.domain(slug: slug).map { language == .nl ? $0.nameNL : $0.nameEN } ?? slug },
            district: { code in (reference.districts.first { $0.code == code } ?? reference.district(slug: code))?.name ?? code })
    }
}

public enum PlanDiff {
    /// `old` nil: everything in `new` is added (the first version).
    public static func compare(_ old: PlanSnapshot?, _ new: PlanSnapshot, names: PlanNames = .codes) -> PlanDiffView {
        var view = PlanDiffView()
        let old = old ?? PlanSnapshot(title: new.title, summary: new.summary, sections: [])
        if old.title != new.title { view.title = WordsView(old: old.title, new: new.title) }
        if old.summary != new.summary { view.summary = WordsView(old: old.summary, new: new.summary) }
        let oldIDs = Set(old.sections.map(\.id))
        let newIDs = Set(new.sections.map(\.id))
        // Moved: the order of the sections both versions have differs at that section.
        let keptOld = old.sections.map(\.id).filter(newIDs.contains)
        let keptNew = new.sections.map(\.id).filter(oldIDs.contains)
        let moved = Set(MovedSections.find(keptOld, keptNew))
        var removedAfter: [UUID?: [PlanSnapshot.Section]] = [:]
        var previous: UUID?
        for section in old.sections {
            if !newIDs.contains(section.id) { removedAfter[previous, default: []].append(section) } else { previous = section.id }
        }
        view.sections += (removedAfter[nil] ?? []).map { SectionDiff.removed($0, &view.counts) }
        for section in new.sections {
            view.sections.append(
                SectionDiff.compare(old.section(section.id), section, moved: moved.contains(section.id), names, &view.counts))
            view.sections += (removedAfter[section.id] ?? []).map { SectionDiff.removed($0, &view.counts) }
        }
        view.hasChanges = view.counts.total > 0 || view.title != nil || view.summary != nil
        return view
    }
}

/// The sections to call "moved": those off the longest run kept in order (the fewest moves).
enum MovedSections {
    static func find(_ old: [UUID], _ new: [UUID]) -> [UUID] {
        guard old != new else { return [] }
        let position = Dictionary(uniqueKeysWithValues: old.enumerated().map { ($1, $0) })
        let steps = new.map { position[$0] ?? 0 }
        // Longest increasing subsequence of old positions, O(n²): plans have tens of sections.
        var length = [Int](repeating: 1, count: steps.count)
        var before = [Int](repeating: -1, count: steps.count)
        for i in steps.indices {
            for j in 0..<i where steps[j] < steps[i] && length[j] + 1 > length[i] {
                length[i] = length[j] + 1
                before[i] = j
            }
        }
        var keep = Set<Int>()
        var index = length.indices.max { length[$0] < length[$1] } ?? -1
        while index >= 0 {
            keep.insert(index)
            index = before[index]
        }
        return new.indices.filter { !keep.contains($0) }.map { new[$0] }
    }
}
