import Foundation
import KrachtCore
import Vapor

/// A registration's two links: `manage` (its page: status, QR code, confirm, cancel; mailed to the
/// person) and `checkIn` (in the QR code; opened by an organiser). Each is the registration's id
/// with a keyed hash of it for that purpose, so neither is stored, neither can be guessed or
/// forged, and one cannot be turned into the other.
public enum EventTokens {
    public enum Purpose: String, Sendable { case manage, checkIn = "check-in" }

    public static func make(_ purpose: Purpose, for registrationID: UUID, app: Application) -> String {
        let id = hexID(registrationID)
        return id + "-" + signature(app.sealer.blindIndex(id, context: context(purpose)))
    }

    /// The registration id a token names, if the token is genuine (under any of the sealer's keys).
    public static func registrationID(from token: String, _ purpose: Purpose, app: Application) -> UUID? {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        guard token.count < 120, parts.count == 2, parts[0].count == 32, let id = uuid(fromHex: String(parts[0])) else { return nil }
        let given = String(parts[1])
        let matches = app.sealer.blindIndexes(String(parts[0]), context: context(purpose)).contains {
            SecureToken.constantTimeEquals(signature($0), given)
        }
        return matches ? id : nil
    }

    private static func context(_ purpose: Purpose) -> String { "events.registration." + purpose.rawValue }

    /// 128 bits of the keyed hash (its hex after the key version).
    private static func signature(_ index: String) -> String {
        String(index.split(separator: ".").last?.prefix(32) ?? "")
    }

    private static func hexID(_ id: UUID) -> String { id.uuidString.replacingOccurrences(of: "-", with: "").lowercased() }

    private static func uuid(fromHex hex: String) -> UUID? {
        guard hex.allSatisfy(\.isHexDigit) else { return nil }
        let chars = Array(hex)
        let dashed = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
        return UUID(uuidString: dashed)
    }
}
