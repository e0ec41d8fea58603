import Foundation

/// Two versions of a plan compared section by section (helper M): each section added, removed,
/// changed (its words added and removed) or the same; activities added, removed or changed.
/// The context of the partial `plans/_diff.leaf`, used by the diff page and the publish page.
public struct PlanDiffView: Encodable, Sendable {
    public var sections: [SectionChange] = []

    public struct SectionChange: Encodable, Sendable {
        public var id: UUID
        public var title: String
    }
}

public enum PlanDiff {
    /// `old` nil: everything in `new` is added (the first version).
    public static func compare(_ old: PlanSnapshot?, _ new: PlanSnapshot) -> PlanDiffView { PlanDiffView() }
}
