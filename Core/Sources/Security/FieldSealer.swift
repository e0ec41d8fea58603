import Crypto
import Foundation
import Vapor

/// Encrypts single fields at rest (what an applicant tells the fund, a mail's links) with
/// AES-GCM. Every sealed value names its key version (`k2.<base64url>`), so keys rotate:
/// the first key of `KRACHT_SEAL_KEYS` seals, every listed key opens. A `context` (e.g.
/// `"support_applications.story"`) is bound into the tag, so a value copied to another
/// column does not open there.
public struct FieldSealer: Sendable {
    public struct Key: Sendable {
        public var version: Int
        public var key: SymmetricKey
        public init(version: Int, key: SymmetricKey) {
            self.version = version
            self.key = key
        }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case malformed, unknownKeyVersion(Int), tamperedOrWrongContext
        case invalidKeys(String), missingInProduction

        public var description: String {
            switch self {
            case .malformed: "sealed value is malformed"
            case .unknownKeyVersion(let version): "sealed with key version \(version), which KRACHT_SEAL_KEYS does not list"
            case .tamperedOrWrongContext: "sealed value was altered, or belongs to another context"
            case .invalidKeys(let why): "KRACHT_SEAL_KEYS is invalid: \(why)"
            case .missingInProduction: "KRACHT_SEAL_KEYS is not set; it is required in production"
            }
        }
    }

    /// Newest (sealing) key first.
    public let keys: [Key]
    /// Per key version, the key its blind indexes are made with (derived apart from the sealing key).
    private let indexKeys: [(version: Int, key: SymmetricKey)]

    /// `keys` newest first.
    public init(keys: [Key]) throws {
        guard !keys.isEmpty else { throw Failure.invalidKeys("no key") }
        guard Set(keys.map(\.version)).count == keys.count else { throw Failure.invalidKeys("a version is listed twice") }
        self.keys = keys
        self.indexKeys = keys.map { key in
            (key.version, HKDF<SHA256>.deriveKey(inputKeyMaterial: key.key, info: Data("kracht blind index".utf8), outputByteCount: 32))
        }
    }

    /// Parses `2:base64key,1:base64oldkey`: versions are whole numbers, keys 32 random bytes.
    public init(parsing list: String) throws {
        var keys: [Key] = []
        for entry in list.split(separator: ",") {
            let parts = entry.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let version = Int(parts[0]), version >= 0 else {
                throw Failure.invalidKeys("each entry must look like 2:base64key")
            }
            guard let bytes = Data(base64Encoded: String(parts[1])), bytes.count == 32 else {
                throw Failure.invalidKeys("key \(version) is not 32 bytes of base64 (openssl rand -base64 32)")
            }
            keys.append(Key(version: version, key: SymmetricKey(data: bytes)))
        }
        try self.init(keys: keys)
    }

    /// Development and tests only: one fixed key (version 0) derived from the app secret.
    public static func development(secret: SymmetricKey) -> FieldSealer {
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: secret, info: Data("kracht development seal key".utf8),
            outputByteCount: 32)
        // One key, one version: this cannot throw.
        return try! FieldSealer(keys: [Key(version: 0, key: key)])
    }

    /// `"k<version>.<base64url(nonce ‖ ciphertext ‖ tag)>"`.
    public func seal(_ plaintext: String, context: String = "") throws -> String {
        let current = keys[0]
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: current.key, authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw Failure.malformed }
        return "k\(current.version)." + Base64URL.encode(combined)
    }

    public func open(_ sealed: String, context: String = "") throws -> String {
        guard sealed.hasPrefix("k"), let dot = sealed.firstIndex(of: "."),
            let version = Int(sealed[sealed.index(after: sealed.startIndex)..<dot]),
            let combined = Base64URL.decode(sealed[sealed.index(after: dot)...])
        else { throw Failure.malformed }
        guard let key = keys.first(where: { $0.version == version }) else { throw Failure.unknownKeyVersion(version) }
        do {
            let box = try AES.GCM.SealedBox(combined: combined)
            let plain = try AES.GCM.open(box, using: key.key, authenticating: Data(context.utf8))
            return String(decoding: plain, as: UTF8.self)
        } catch {
            throw combined.count < 28 ? Failure.malformed : Failure.tamperedOrWrongContext
        }
    }

    /// Bytes (a document) sealed the same way: `"k<version>."` in ASCII, then nonce ‖ ciphertext ‖ tag.
    public func seal(data: Data, context: String) throws -> Data {
        let current = keys[0]
        let box = try AES.GCM.seal(data, using: current.key, authenticating: Data(context.utf8))
        guard let combined = box.combined else { throw Failure.malformed }
        return Data("k\(current.version).".utf8) + combined
    }

    public func open(data sealed: Data, context: String) throws -> Data {
        guard sealed.first == UInt8(ascii: "k"), let dot = sealed.prefix(12).firstIndex(of: UInt8(ascii: ".")),
            let version = Int(String(decoding: sealed[sealed.startIndex + 1..<dot], as: UTF8.self))
        else { throw Failure.malformed }
        guard let key = keys.first(where: { $0.version == version }) else { throw Failure.unknownKeyVersion(version) }
        do {
            return try AES.GCM.open(AES.GCM.SealedBox(combined: sealed[(dot + 1)...]), using: key.key, authenticating: Data(context.utf8))
        } catch {
            throw Failure.tamperedOrWrongContext
        }
    }

    /// The key version a sealed value or index names (`k2.…`, `i2.…`), nil if it names none.
    public static func keyVersion(of sealed: String) -> Int? {
        guard let dot = sealed.prefix(12).firstIndex(of: ".") else { return nil }
        return Int(sealed[sealed.index(after: sealed.startIndex)..<dot])
    }

    /// Whether `sealed` is sealed (or indexed) under the newest key: key rotation skips it.
    public func isCurrent(_ sealed: String) -> Bool { Self.keyVersion(of: sealed) == keys[0].version }

    /// A keyed HMAC-SHA256 of a value under the newest key, `"i<version>.<hex>"`, to store
    /// beside a sealed value and find it by equality without opening it. The caller normalises
    /// first (e.g. a lower-cased, trimmed e-mail address); `context` keeps the same value in two
    /// columns from matching. Like sealed values, indexes name their key, so a leaked key can be
    /// retired: re-index the rows (open, index anew) before removing it from the list.
    public func blindIndex(_ value: String, context: String = "") -> String {
        index(value, context: context, with: indexKeys[0])
    }

    /// The value's index under every listed key: look a row up with `IN (…)` of these, so rows
    /// indexed before a newer key was added are still found.
    public func blindIndexes(_ value: String, context: String = "") -> [String] {
        indexKeys.map { index(value, context: context, with: $0) }
    }

    private func index(_ value: String, context: String, with key: (version: Int, key: SymmetricKey)) -> String {
        let message = Data(context.utf8) + [0] + Data(value.utf8)
        return "i\(key.version)." + SecureToken.hex(HMAC<SHA256>.authenticationCode(for: message, using: key.key))
    }

    /// The sealer for a configuration: its keys, or in development and tests the fixed key.
    /// Production without `KRACHT_SEAL_KEYS` is refused, like a missing secret key.
    public static func from(config: AppConfig, environment: Environment) throws -> FieldSealer {
        if let list = config.sealKeys { return try FieldSealer(parsing: list) }
        guard environment != .production else { throw Failure.missingInProduction }
        return .development(secret: config.secretKey)
    }
}

extension Application {
    /// Set by `configureKracht`; the development sealer if the app was not configured.
    public var sealer: FieldSealer {
        get { storage[SealerKey.self] ?? .development(secret: config.secretKey) }
        set { storage[SealerKey.self] = newValue }
    }
    private struct SealerKey: StorageKey { typealias Value = FieldSealer }
}

/// URL-safe base64 without padding, so a sealed value fits anywhere a token does. The alphabet is
/// swapped byte by byte: three Foundation `replacingOccurrences` per value were 6% of a sign-up's
/// CPU (every confirmation mail seals its recipient).
enum Base64URL {
    static func encode(_ data: Data) -> String {
        let standard = data.base64EncodedData()
        var url = [UInt8]()
        url.reserveCapacity(standard.count)
        for byte in standard {
            switch byte {
            case UInt8(ascii: "+"): url.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): url.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): break
            default: url.append(byte)
            }
        }
        return String(decoding: url, as: UTF8.self)
    }

    static func decode(_ text: Substring) -> Data? {
        var standard = [UInt8]()
        standard.reserveCapacity(text.utf8.count + 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"): standard.append(UInt8(ascii: "+"))
            case UInt8(ascii: "_"): standard.append(UInt8(ascii: "/"))
            default: standard.append(byte)
            }
        }
        standard.append(contentsOf: repeatElement(UInt8(ascii: "="), count: (4 - standard.count % 4) % 4))
        return Data(base64Encoded: Data(standard))
    }
}
