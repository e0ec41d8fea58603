import KrachtTesting
import Vapor
import XCTest

@testable import KrachtCore

final class FieldSealerTests: XCTestCase {
    private let oldKey = Data(repeating: 1, count: 32).base64EncodedString()
    private let newKey = Data(repeating: 2, count: 32).base64EncodedString()

    func testASealedValueOpensToWhatWasSealedAndNamesItsKey() throws {
        // setup
        let sealer = try FieldSealer(parsing: "1:\(oldKey)")
        let story = "Ik slaap sinds maart bij vrienden op de bank; huur € 1.250,– achterstand. ë ñ 😊"

        // MUT
        let sealed = try sealer.seal(story, context: "support_applications.story")

        // validation
        XCTAssertTrue(sealed.hasPrefix("k1."), sealed)
        XCTAssertFalse(sealed.contains("slaap"))
        XCTAssertNil(sealed.rangeOfCharacter(from: CharacterSet(charactersIn: "+/=")), "URL-safe base64")
        XCTAssertEqual(try sealer.open(sealed, context: "support_applications.story"), story)
        XCTAssertNotEqual(try sealer.seal(story, context: "support_applications.story"), sealed, "a fresh nonce every time")
        XCTAssertEqual(try sealer.open(try sealer.seal("")), "")
    }

    func testURLSafeBase64RoundTripsEveryLengthWithoutPlusSlashOrPadding() {
        for length in 0...66 {
            let data = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 67 &+ 251) })
            let encoded = Base64URL.encode(data)
            XCTAssertFalse(encoded.contains { "+/=".contains($0) }, encoded)
            XCTAssertEqual(
                encoded,
                data.base64EncodedString().map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 }.filter { $0 != "=" }.map(String.init).joined())
            XCTAssertEqual(Base64URL.decode(Substring(encoded)), data, "length \(length)")
        }
        XCTAssertNil(Base64URL.decode("not base64!"))
    }

    func testAnAlteredValueIsRefused() throws {
        let sealer = try FieldSealer(parsing: "1:\(oldKey)")
        let sealed = try sealer.seal("IBAN NL91ABNA0417164300")

        // MUT: change one character of the ciphertext
        var characters = Array(sealed)
        let index = characters.count - 10
        characters[index] = characters[index] == "A" ? "B" : "A"

        // validation
        XCTAssertThrowsError(try sealer.open(String(characters))) {
            XCTAssertEqual($0 as? FieldSealer.Failure, .tamperedOrWrongContext)
        }
        XCTAssertThrowsError(try sealer.open("not sealed at all")) { XCTAssertEqual($0 as? FieldSealer.Failure, .malformed) }
        XCTAssertThrowsError(try sealer.open("k1.AAAA")) { XCTAssertEqual($0 as? FieldSealer.Failure, .malformed) }
    }

    func testAValueMovedToAnotherColumnDoesNotOpen() throws {
        let sealer = try FieldSealer(parsing: "1:\(oldKey)")
        let sealed = try sealer.seal("Jan Jansen", context: "support_applications.name")

        // MUT + validation
        XCTAssertThrowsError(try sealer.open(sealed, context: "support_applications.story")) {
            XCTAssertEqual($0 as? FieldSealer.Failure, .tamperedOrWrongContext)
        }
        XCTAssertThrowsError(try sealer.open(sealed))
    }

    func testAfterRotationOldValuesStillOpenAndNewOnesUseTheNewKey() throws {
        // setup: a value sealed before the rotation
        let before = try FieldSealer(parsing: "1:\(oldKey)")
        let oldValue = try before.seal("oud geheim", context: "c")

        // MUT: the new key is added in front
        let after = try FieldSealer(parsing: "2:\(newKey), 1:\(oldKey)")

        // validation
        XCTAssertEqual(try after.open(oldValue, context: "c"), "oud geheim")
        let newValue = try after.seal("nieuw geheim", context: "c")
        XCTAssertTrue(newValue.hasPrefix("k2."))
        XCTAssertThrowsError(try before.open(newValue, context: "c")) {
            XCTAssertEqual($0 as? FieldSealer.Failure, .unknownKeyVersion(2))
        }
        XCTAssertTrue(after.blindIndex("jan@example.nl").hasPrefix("i2."), "new indexes name the new key")
        XCTAssertTrue(
            after.blindIndexes("jan@example.nl").contains(before.blindIndex("jan@example.nl")),
            "a row indexed before the rotation is still found")
    }

    func testTheBlindIndexIsStableKeyedAndSeparatedByContext() throws {
        let sealer = try FieldSealer(parsing: "1:\(oldKey)")
        let other = try FieldSealer(parsing: "1:\(newKey)")

        // MUT
        let index = sealer.blindIndex("jan@example.nl")

        // validation
        XCTAssertEqual(index.count, 3 + 64, "the key's version and HMAC-SHA256 in hex")
        XCTAssertTrue(index.hasPrefix("i1."))
        XCTAssertEqual(try FieldSealer(parsing: "1:\(oldKey)").blindIndex("jan@example.nl"), index, "stable")
        XCTAssertNotEqual(sealer.blindIndex("piet@example.nl"), index)
        XCTAssertNotEqual(other.blindIndex("jan@example.nl"), index, "keyed: another key gives another index")
        XCTAssertNotEqual(index, SecureToken.hash("jan@example.nl"), "not a plain hash anyone can recompute")
        XCTAssertNotEqual(
            sealer.blindIndex("jan@example.nl", context: "donors.email"),
            sealer.blindIndex("jan@example.nl", context: "applications.email"))
    }

    func testBadKeyListsAreRefusedWithTheReason() {
        for list in ["", "1", "x:\(oldKey)", "1:short", "1:\(oldKey),1:\(newKey)", "-1:\(oldKey)"] {
            XCTAssertThrowsError(try FieldSealer(parsing: list), list) { error in
                guard case .invalidKeys = error as? FieldSealer.Failure else { return XCTFail("\(error)") }
            }
        }
    }

    func testProductionRefusesToStartWithoutSealKeys() async throws {
        // setup: production with a secret key, but no KRACHT_SEAL_KEYS
        var config = testConfig(dataDirectory: NSTemporaryDirectory())
        config.secretKeyIsDefault = false
        config.sealKeys = nil
        let app = try await Application.make(.production)

        // MUT + validation
        do {
            try await configureKracht(app, config: config, features: [])
            XCTFail("production must not start without KRACHT_SEAL_KEYS")
        } catch let failure as FieldSealer.Failure {
            XCTAssertEqual(failure, .missingInProduction)
            XCTAssertTrue("\(failure)".contains("KRACHT_SEAL_KEYS"))
        }
        try await app.asyncShutdown()

        config.sealKeys = "3:\(newKey)"
        let sealer = try FieldSealer.from(config: config, environment: .production)
        XCTAssertTrue(try sealer.seal("x").hasPrefix("k3."))
    }

    func testDevelopmentAndTestsUseAFixedKeyFromTheSecret() async throws {
        try await withApp { app in
            let sealed = try app.sealer.seal("ontwikkeling")
            XCTAssertTrue(sealed.hasPrefix("k0."))
            let again = FieldSealer.development(secret: app.config.secretKey)
            XCTAssertEqual(try again.open(sealed), "ontwikkeling", "the same key after a restart")
        }
    }
}
