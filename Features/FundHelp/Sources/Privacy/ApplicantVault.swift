import Crypto
import Foundation
import KrachtCore
import Vapor

/// The fund's key for what applicants tell it: AES-GCM (`FieldSealer`) with keys from
/// `KRACHT_FUND_KEY` (`2:base64key,1:oldkey`, newest first; or one base64 key, version 1),
/// apart from the site's other sealed fields. Every ciphertext names its key version; `kracht
/// fund rotate-key` (`RotateFundKey`) re-seals what an older key sealed, after which that
/// key can be dropped.
/// Production refuses to start without it; development and tests derive one from the secret.
public enum ApplicantVault {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "KRACHT_FUND_KEY is not set; it is required in production (openssl rand -base64 32), see docs/fund-privacy.md"
        }
    }

    /// The sealer for `KRACHT_FUND_KEY`, or in development and tests one derived from the secret.
    public static func sealer(configured: String?, environment: Environment, secret: SymmetricKey) throws -> FieldSealer {
        if let configured, !configured.isEmpty {
            return try FieldSealer(parsing: configured.contains(":") ? configured : "1:" + configured)
        }
        guard environment != .production else { throw Missing() }
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: secret, info: Data("kracht development fund key".utf8), outputByteCount: 32)
        return try FieldSealer(keys: [.init(version: 0, key: key)])
    }

    /// The contexts bound into each sealed column, so a value copied to another column does not open.
    public enum Context {
        public static let name = "support_applications.name"
        public static let statusToken = "support_applications.status_token"
        public static let details = "support_applications.details"
        public static let message = "support_messages.body"
        public static let note = "support_decisions.note"
        public static let payee = "support_payouts.payee"
        public static let documentName = "support_documents.file_name"
        public static let document = "support_documents.file"
        /// Blind indexes of the applicant: `person.phone`, `person.email`, `person.name`.
        public static func person(_ kind: String) -> String { "support_person." + kind }
    }
}

extension Application {
    /// The fund's sealer (`ApplicantVault`), set when the feature starts.
    public var fundSealer: FieldSealer {
        get {
            storage[FundSealerKey.self]
                ?? (try! ApplicantVault.sealer(configured: nil, environment: .development, secret: config.secretKey))
        }
        set { storage[FundSealerKey.self] = newValue }
    }
    private struct FundSealerKey: StorageKey { typealias Value = FieldSealer }
}
