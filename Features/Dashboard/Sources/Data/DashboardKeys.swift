import Foundation
import KrachtCore
import Vapor

extension DashboardBoard {
    /// Every indicator the dashboard knows, in its order: the plan's in the plan's order, then
    /// every other registered one by key; each in the unit of the feature that computes it (the
    /// plan's unit where no feature present does). The board, the targets form, the history and
    /// the targets API all name and order indicators from this one list.
    static func keys(app: Application) -> [(key: String, unit: String)] {
        let registered = app.features.flatMap { $0.indicators() }
        let units = Dictionary(registered.map { ($0.key, $0.unit) }, uniquingKeysWith: { first, _ in first })
        var keys = planKeys.map { (key: $0.key, unit: units[$0.key] ?? $0.unit) }
        var seen = Set(keys.map(\.key))
        for indicator in registered.sorted(by: { $0.key < $1.key }) where seen.insert(indicator.key).inserted {
            keys.append((indicator.key, indicator.unit))
        }
        return keys
    }
}
