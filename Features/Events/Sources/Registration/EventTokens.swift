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
        SignedID.make(registrationID, context: context(purpose), app: app)
    }

    /// The registration id a token names, if the token is genuine (under any of the sealer's keys).
    public static func registrationID(from token: String, _ purpose: Purpose, app: Application) -> UUID? {
        SignedID.open(token, context: context(purpose), app: app)
    }

    private static func context(_ purpose: Purpose) -> String { "events.registration." + purpose.rawValue }
}
