import Foundation

/// One section, and its activities, in two versions.
enum SectionDiff {
    typealias Change = PlanDiffView.SectionChange
    typealias ActivityChange = PlanDiffView.ActivityChange

    static func removed(_ section: PlanSnapshot.Section, _ counts: inout PlanDiffView.Counts) -> Change {
        counts.sectionsRemoved += 1
        return Change(
            id: section.id, title: section.title, status: .removed, body: WordsView(old: section.markdown, new: ""),
            activities: section.activities.map { ActivityChange(id: $0.id, title: $0.title, status: .removed) })
    }

    static func compare(
        _ old: PlanSnapshot.Section?, _ new: PlanSnapshot.Section, moved: Bool, _ names: PlanNames, _ counts: inout PlanDiffView.Counts
    ) -> Change {
        guard let old else {
            counts.sectionsAdded += 1
            counts.activitiesAdded += new.activities.count
            return Change(
                id: new.id, title: new.title, status: .added, body: WordsView(old: "", new: new.markdown),
                activities: new.activities.map { added($0, names) })
        }
        var change = Change(id: new.id, title: new.title, status: .same, moved: moved)
        if moved { counts.sectionsMoved += 1 }
        if old.title != new.title { change.titleWords = WordsView(old: old.title, new: new.title) }
        if old.markdown != new.markdown { change.body = WordsView(old: old.markdown, new: new.markdown) }
        // Only the activities that changed are shown under a changed section.
        change.activities = activities(old.activities, new.activities, names, &counts).filter { $0.status != .same }
        if change.titleWords != nil || old.markdown != new.markdown || !change.activities.isEmpty {
            change.status = .changed
            counts.sectionsChanged += 1
        }
        return change
    }

    /// New activities in their order, removed ones after them.
    private static func activities(
        _ old: [PlanSnapshot.Activity], _ new: [PlanSnapshot.Activity], _ names: PlanNames, _ counts: inout PlanDiffView.Counts
    ) -> [ActivityChange] {
        let oldByID = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newIDs = Set(new.map(\.id))
        var changes: [ActivityChange] = new.map { activity in
            guard let before = oldByID[activity.id] else {
                counts.activitiesAdded += 1
                return added(activity, names)
            }
            let change = compare(before, activity, names)
            if change.status == .changed { counts.activitiesChanged += 1 }
            return change
        }
        for activity in old where !newIDs.contains(activity.id) {
            counts.activitiesRemoved += 1
            changes.append(ActivityChange(id: activity.id, title: activity.title, status: .removed))
        }
        return changes
    }

    private static func added(_ activity: PlanSnapshot.Activity, _ names: PlanNames) -> ActivityChange {
        ActivityChange(id: activity.id, title: activity.title, status: .added)
    }

    private static func compare(_ old: PlanSnapshot.Activity, _ new: PlanSnapshot.Activity, _ names: PlanNames) -> ActivityChange {
        var change = ActivityChange(id: new.id, title: new.title, status: .same)
        if old.title != new.title { change.titleWords = WordsView(old: old.title, new: new.title) }
        if old.description != new.description { change.descriptionWords = WordsView(old: old.description, new: new.description) }
        let pairs: [(PlanDiffView.FieldChange.Field, String, String)] = [
            (.organiser, old.organiser, new.organiser), (.timing, old.timing, new.timing), (.needs, old.needs, new.needs),
            (.domain, old.domain.map(names.domain) ?? "", new.domain.map(names.domain) ?? ""),
            (.district, old.district.map(names.district) ?? "", new.district.map(names.district) ?? ""),
        ]
        change.fields = pairs.filter { $0.1 != $0.2 }.map { PlanDiffView.FieldChange(field: $0.0, old: $0.1, new: $0.2) }
        if change.titleWords != nil || change.descriptionWords != nil || !change.fields.isEmpty { change.status = .changed }
        return change
    }
}
