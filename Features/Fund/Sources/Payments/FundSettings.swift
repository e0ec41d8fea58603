import KrachtCore
import Vapor

/// The fund's settings, from the environment (see `.env.example`).
public struct FundSettings: Sendable {
    /// The fund's bank account, shown for transfers and in the EPC QR code (`KRACHT_FUND_IBAN`).
    public var iban: String
    /// Its holder, as the bank knows it (`KRACHT_FUND_ACCOUNT_NAME`).
    public var accountName: String
    /// The BIC, optional in SEPA since 2016 but still read by some banking apps (`KRACHT_FUND_BIC`).
    public var bic: String?
    /// Mollie's API key (`MOLLIE_API_KEY`); without it, giving is by bank transfer only.
    public var mollieAPIKey: String?
    /// Where Mollie's API is (`MOLLIE_API_URL`): Mollie itself, or the local one in tests.
    public var mollieAPIURL: String
    /// The largest gift through the form, in cents (`KRACHT_FUND_MAX_GIFT_CENTS`): larger gifts
    /// are welcome, but by arrangement with the treasurer.
    public var maxGiftCents: Int64
    /// The smallest, in cents: below it the fees eat the gift.
    public var minGiftCents: Int64
    /// The amounts the form suggests, in cents.
    public var suggestedCents: [Int64]

    public static func fromEnvironment() -> FundSettings {
        FundSettings(
            iban: Environment.get("KRACHT_FUND_IBAN") ?? "NL91ABNA0417164300",
            accountName: Environment.get("KRACHT_FUND_ACCOUNT_NAME") ?? "Stichting De Kracht van Mokum",
            bic: Environment.get("KRACHT_FUND_BIC"),
            mollieAPIKey: Environment.get("MOLLIE_API_KEY").flatMap { $0.isEmpty ? nil : $0 },
            mollieAPIURL: Environment.get("MOLLIE_API_URL") ?? "https://api.mollie.com/v2",
            maxGiftCents: Environment.get("KRACHT_FUND_MAX_GIFT_CENTS").flatMap(Int64.init) ?? 1_000_000,
            minGiftCents: 100,
            suggestedCents: [1000, 2500, 5000, 10000])
    }
}

extension FundSettings {
    struct Problem: Error, CustomStringConvertible { let description: String }

    /// A donor must never be shown an account that is not the fund's: in production the IBAN
    /// has to be set, and anywhere a set IBAN must pass its check digits.
    static func check(environment: Environment) throws {
        let configured = Environment.get("KRACHT_FUND_IBAN")
        if environment == .production && configured == nil {
            throw Problem(description: "KRACHT_FUND_IBAN must be set in production: the fund's IBAN, shown to every donor who transfers")
        }
        if let configured, !isValidIBAN(configured) {
            throw Problem(description: "KRACHT_FUND_IBAN is not a valid IBAN (its check digits do not match): \(configured)")
        }
    }

    /// ISO 13616: the country and check digits moved to the end, letters as numbers, mod 97 is 1.
    public static func isValidIBAN(_ text: String) -> Bool {
        let compact = text.uppercased().filter { !$0.isWhitespace }
        guard (15...34).contains(compact.count), compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
            compact.prefix(2).allSatisfy(\.isLetter), compact.dropFirst(2).prefix(2).allSatisfy(\.isNumber)
        else { return false }
        return PaymentReference.mod97(String(compact.dropFirst(4) + compact.prefix(4))) == 1
    }
}

extension Application {
    public var fundSettings: FundSettings {
        get { storage[SettingsKey.self] ?? .fromEnvironment() }
        set { storage[SettingsKey.self] = newValue }
    }
    private struct SettingsKey: StorageKey { typealias Value = FundSettings }

    /// The ways to pay, Mollie first when it is configured.
    public var paymentProviders: [any PaymentProvider] {
        get { storage[ProvidersKey.self] ?? [BankTransferProvider()] }
        set { storage[ProvidersKey.self] = newValue }
    }
    private struct ProvidersKey: StorageKey { typealias Value = [any PaymentProvider] }
}
