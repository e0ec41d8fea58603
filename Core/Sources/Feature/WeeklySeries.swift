import Vapor

/// A count per week (new subscribers, unsubscribes) shown on the dashboard as bars.
public struct WeeklySeries: Sendable {
    public struct Week: Sendable, Codable, Equatable {
        /// The Monday that starts the week, in Amsterdam, `2026-11-30`.
        public var week: String
        public var value: Int64
        public init(week: String, value: Int64) { (self.week, self.value) = (week, value) }
    }
    public var key: String
    /// A text key in the feature's catalogue.
    public var labelKey: String
    /// The last `weeks` weeks up to and including the current one, oldest first, zeros included.
    public var weeks: @Sendable (_ weeks: Int, _ app: Application) async throws -> [Week]
    public init(key: String, labelKey: String, weeks: @escaping @Sendable (Int, Application) async throws -> [Week]) {
        (self.key, self.labelKey, self.weeks) = (key, labelKey, weeks)
    }
}
