import KrachtCore
import Vapor

/// The fund's help settings, from the environment (see `.env.example`).
public struct FundHelpSettings: Sendable {
    /// Days after a case closes that its personal data is erased (`KRACHT_FUND_RETENTION_DAYS`).
    public var retentionDays: Int
    /// The largest supporting document, in bytes (`KRACHT_FUND_MAX_DOCUMENT_BYTES`).
    public var maxDocumentBytes: Int
    /// At most this many documents per case.
    public var maxDocuments: Int

    public static func fromEnvironment() -> FundHelpSettings {
        FundHelpSettings(
            retentionDays: Environment.get("KRACHT_FUND_RETENTION_DAYS").flatMap(Int.init).map { max(1, $0) } ?? 365,
            maxDocumentBytes: Environment.get("KRACHT_FUND_MAX_DOCUMENT_BYTES").flatMap(Int.init) ?? 8 * 1024 * 1024,
            maxDocuments: 5)
    }
}

extension Application {
    public var fundHelpSettings: FundHelpSettings {
        get { storage[SettingsKey.self] ?? .fromEnvironment() }
        set { storage[SettingsKey.self] = newValue }
    }
    private struct SettingsKey: StorageKey { typealias Value = FundHelpSettings }
}
