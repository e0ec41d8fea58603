import KrachtCore
import Vapor

/// The fund's help (Fund 2/2, `Features/FundHelp`) on the transparency page: its figures per kind
/// of support, already in the reader's language and already without small counts. The help
/// feature sets the provider at start; without it the page says no support was granted yet.
public struct SupportSection: Encodable, Sendable {
    public var table: DataTable
    /// Sentences under the table (how long people wait, what is left out and why).
    public var notes: [String]

    public init(table: DataTable, notes: [String]) {
        self.table = table
        self.notes = notes
    }
}

extension Application {
    public typealias SupportSectionProvider = @Sendable (Language) async throws -> SupportSection?

    /// Set once while the routes are registered; read by `TransparencyController`.
    public var fundSupportSection: SupportSectionProvider? {
        get { storage[SupportSectionKey.self] }
        set { storage[SupportSectionKey.self] = newValue }
    }

    private struct SupportSectionKey: StorageKey { typealias Value = SupportSectionProvider }
}
