import Foundation
import KrachtCore
import Vapor

/// How large a statement file may be (`KRACHT_FUND_STATEMENT_MAX_SIZE`, default 100 MB): the
/// upload route's body limit and the import's own check, before the file is read.
public struct BankStatementSettings: Sendable {
    public var maxBytes: Int

    public init(maxBytes: Int) { self.maxBytes = maxBytes }

    public static func fromEnvironment() -> BankStatementSettings {
        let configured = Environment.get("KRACHT_FUND_STATEMENT_MAX_SIZE").map { ByteCount(stringLiteral: $0).value }
        return BankStatementSettings(maxBytes: configured ?? 100 << 20)
    }
}

extension Application {
    public var bankStatementSettings: BankStatementSettings {
        get { storage[BankStatementSettingsKey.self] ?? .fromEnvironment() }
        set { storage[BankStatementSettingsKey.self] = newValue }
    }
    private struct BankStatementSettingsKey: StorageKey { typealias Value = BankStatementSettings }
}
