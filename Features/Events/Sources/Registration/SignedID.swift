import Foundation
import KrachtCore
import Vapor

/// An id in a link, signed so that it cannot be guessed or forged and nothing need be stored:
/// "<id as 32 lowercase hex>-<128 bits of a keyed hash of it>". The registration tokens
/// (`EventTokens`) and the personal feed (`PersonalFeed`, which adds a per-user salt that a reset
/// changes) both read and write their links with it.
enum SignedID {
    /// A link of `id`: its hex and the signature of the hex plus `salt`, under the sealer's current key.
    static func make(_ id: UUID, context: String, salt: String = "", app: Application) -> String {
        let hex = hex(id)
        return hex + "-" + signature(app.sealer.blindIndex(hex + salt, context: context))
    }

    /// The id a token names, if it has the right shape; whether it is genuine is `isGenuine`'s to say.
    static func parse(_ token: String) -> (id: UUID, signature: String)? {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        // One spelling per id: lowercase hex only, as `make` writes it.
        guard token.count < 120, parts.count == 2, parts[0].count == 32, parts[1].count == 32,
            parts.allSatisfy({ $0.allSatisfy { $0.isHexDigit && !$0.isUppercase } }),
            let id = uuid(fromHex: String(parts[0]))
        else { return nil }
        return (id, String(parts[1]))
    }

    /// Whether `signature` is the one of `id` (with `salt`) under any of the sealer's keys, so a
    /// key rotation does not break the links already sent.
    static func isGenuine(_ signature: String, of id: UUID, context: String, salt: String = "", app: Application) -> Bool {
        app.sealer.blindIndexes(hex(id) + salt, context: context).contains {
            SecureToken.constantTimeEquals(Self.signature($0), signature)
        }
    }

    /// The id of a genuine token made without a salt.
    static func open(_ token: String, context: String, app: Application) -> UUID? {
        guard let (id, signature) = parse(token), isGenuine(signature, of: id, context: context, app: app) else { return nil }
        return id
    }

    /// 128 bits of the keyed hash (its hex after the key version).
    private static func signature(_ index: String) -> String { String(index.split(separator: ".").last?.prefix(32) ?? "") }

    private static func hex(_ id: UUID) -> String { id.uuidString.replacingOccurrences(of: "-", with: "").lowercased() }

    private static func uuid(fromHex hex: String) -> UUID? {
        let chars = Array(hex)
        return UUID(uuidString: [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-"))
    }
}
