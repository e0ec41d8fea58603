import Foundation

/// How long to wait before trying failed work again: `base` after the first failure,
/// doubling per attempt, never more than `max`. One policy for jobs and for the outbox.
public struct RetryPolicy: Sendable, Equatable {
    public var base: TimeInterval
    public var max: TimeInterval

    public init(base: TimeInterval, max: TimeInterval = 3600) {
        self.base = base
        self.max = max
    }

    /// The pause after attempt number `attempt` (1 for the first failure) failed.
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        // Capping the exponent keeps pow from overflowing for absurd attempt counts.
        let doublings = Double(Swift.min(Swift.max(attempt - 1, 0), 62))
        return Swift.min(base * pow(2, doublings), max)
    }

    /// Background jobs: half a minute, doubling, at most an hour.
    public static let jobs = RetryPolicy(base: 30, max: 3600)
}
