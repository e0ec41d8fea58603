import Vapor

/// What a feature counts per campaign `ref` code (signatures, gifts, registrations,
/// subscriptions), for the campaign register's results: one count over the given codes.
public struct Referral: Sendable {
    public var key: String
    /// A text key in the feature's catalogue, with a count ("%{count} signatures").
    public var labelKey: String
    public var count: @Sendable (_ codes: [String], _ app: Application) async throws -> Int64
    public init(key: String, labelKey: String, count: @escaping @Sendable ([String], Application) async throws -> Int64) {
        (self.key, self.labelKey, self.count) = (key, labelKey, count)
    }
}
