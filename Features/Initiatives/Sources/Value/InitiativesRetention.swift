import Fluent
import Foundation
import KrachtCore

/// How long initiatives keep what no longer counts (the README's privacy section says the same):
/// a declined or withdrawn "ik doe mee" with its note, a rejected initiative and rejected hours
/// for a year (to answer questions about a decision); a removed appreciation and its reports for
/// 90 days (to handle an objection).
enum InitiativesRetention {
    static let participationDays = 365
    static let rejectedInitiativeDays = 365
    static let rejectedHoursDays = 365
    static let removedAppreciationDays = 90

    static func purge(now: Date, on db: any Database) async throws {
        let year = { (days: Int) in now.addingTimeInterval(-Double(days) * 86_400) }
        try await Participation.query(on: db)
            .filter(\.$state ~~ [.declined, .withdrawn])
            .group(.or) { or in
                or.filter(\.$decidedAt < year(participationDays))
                or.group(.and) { $0.filter(\.$decidedAt == nil).filter(\.$createdAt < year(participationDays)) }
            }
            .delete()
        try await VolunteerHours.query(on: db).filter(\.$state == .rejected)
            .group(.or) { or in
                or.filter(\.$decidedAt < year(rejectedHoursDays))
                or.group(.and) { $0.filter(\.$decidedAt == nil).filter(\.$createdAt < year(rejectedHoursDays)) }
            }
            .delete()
        let removed = try await Appreciation.query(on: db).filter(\.$state == .removed)
            .group(.or) { or in
                or.filter(\.$decidedAt < year(removedAppreciationDays))
                or.group(.and) { $0.filter(\.$decidedAt == nil).filter(\.$createdAt < year(removedAppreciationDays)) }
            }
            .all().compactMap(\.id)
        if !removed.isEmpty {
            try await AppreciationReport.query(on: db).filter(\.$appreciationID ~~ removed).delete()
            try await Appreciation.query(on: db).filter(\.$id ~~ removed).delete()
        }
        // A rejected initiative was never public: nothing counts it, the search index never held it.
        let rejected = try await Initiative.query(on: db).filter(\.$status == .rejected)
            .group(.or) { or in
                or.filter(\.$decidedAt < year(rejectedInitiativeDays))
                or.group(.and) { $0.filter(\.$decidedAt == nil).filter(\.$createdAt < year(rejectedInitiativeDays)) }
            }
            .all().compactMap(\.id)
        if !rejected.isEmpty { try await Initiative.query(on: db).filter(\.$id ~~ rejected).delete() }
    }
}
