import Fluent
import Foundation
import Vapor

/// What other features do when a coordinator decides on a new initiative, in the decision's
/// transaction: the matching feature marks the idea it came from as converted (or open again).
public struct InitiativeDecision: Sendable {
    public var initiativeID: UUID
    public var approved: Bool
    public var at: Date
}

extension Application {
    public var initiativeDecisionHooks: [@Sendable (InitiativeDecision, any Database) async throws -> Void] {
        get { storage[DecisionHooksKey.self] ?? [] }
        set { storage[DecisionHooksKey.self] = newValue }
    }
    private struct DecisionHooksKey: StorageKey {
        typealias Value = [@Sendable (InitiativeDecision, any Database) async throws -> Void]
    }
}
