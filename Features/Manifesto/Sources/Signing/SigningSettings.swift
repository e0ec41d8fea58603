import Vapor

/// The manifesto's tunable limits, from the environment (see `.env.example`).
struct SigningSettings: Sendable {
    /// Sign-ups per IP address per hour. Generous: a household, office or library shares one address.
    var limitPerIP: Int
    /// Seconds a person needs at least between opening the form and sending it; bots are faster.
    var minimumFillSeconds: Int
    /// Days an unconfirmed signature waits for its link to be followed.
    var confirmationDays: Int = 14
    /// A repeated sign-up with the same address resends its mail at most this often.
    var resendAfterSeconds: TimeInterval = 600
    /// And reminds one address at most this often a day.
    var remindersPerAddressPerDay: Int = 3

    static func fromEnvironment() -> SigningSettings {
        SigningSettings(
            limitPerIP: Environment.get("KRACHT_SIGNING_LIMIT_PER_IP").flatMap(Int.init) ?? 50,
            minimumFillSeconds: Environment.get("KRACHT_SIGNING_MIN_FILL_SECONDS").flatMap(Int.init) ?? 3)
    }
}

extension Application {
    var signing: SigningSettings {
        get { storage[SettingsKey.self] ?? .fromEnvironment() }
        set { storage[SettingsKey.self] = newValue }
    }
    private struct SettingsKey: StorageKey { typealias Value = SigningSettings }
}
