import Fluent
import Foundation
import KrachtCore
import Vapor

/// The plans' figures for the dashboard (helper D).
enum PlanIndicators {
    static let all: [Indicator] = []
    static let activeOrganiserQuery = """
        SELECT s.user_id FROM plan_signups s JOIN plans p ON p.id = s.plan_id WHERE s.role = 'organise' AND p.published_version > 0
        """
}

/// Open data: `/api/v1/plans…` in the OpenAPI document (helper D).
enum PlansAPI {
    static func paths() -> [String: JSONValue] { [:] }
}

/// A person's part: export, and erasure (reactions and suggestions stay as "deleted account";
/// supports, sign-ups, follows and notifications go, counters kept) (helper D).
enum PlansPersonalData {
    static func export(of user: User, on db: any Database) async throws -> JSONValue? { nil }
    static func erase(of user: User, app: Application, on db: any Database) async throws {}
}

/// Retention: sent notifications, old reports (helper D).
enum PlansRetention {
    static func purge(now: Date, on db: any Database) async throws {}
}

/// Every counter against its rows (helper D).
enum PlansVerify {
    static func problems(on db: any Database) async throws -> [String] { [] }
}
