import Crypto
import Foundation
import KrachtCore
import XCTest

/// The signed id of the digests' and the newsletter's links keeps the format of the links
/// already in people's mailboxes, and opens nothing when altered or used for another purpose.
final class SignedIDTests: XCTestCase {
    let key = SymmetricKey(data: Data(0..<32))
    let id = UUID(uuidString: "01234567-89AB-CDEF-0123-456789ABCDEF")!

    func testTheTokenIsTheHexIdAndTheCutHMACOfThePurposeAndTheId() {
        // MUT
        let plans = SignedID.make(id, purpose: "plans-digest-unsubscribe", key: key)
        let matching = SignedID.make(id, purpose: "matching-digest-unsubscribe", key: key)
        let newsletter = SignedID.make(id, purpose: "newsletter-subscriber", key: key)

        // validation (vectors computed with Python's hmac)
        XCTAssertEqual(plans, "0123456789abcdef0123456789abcdef-feb416210cbe20a78938728e8a933e34")
        XCTAssertEqual(matching, "0123456789abcdef0123456789abcdef-22706052c32815354852413a9aea0f19")
        XCTAssertEqual(newsletter, "0123456789abcdef0123456789abcdef-60f9ca0d139baadfa7118e399199169c")
        XCTAssertEqual(SignedID.id(from: plans, purpose: "plans-digest-unsubscribe", key: key), id)
    }

    func testAnAlteredForeignOrMalformedTokenOpensNothing() {
        // setup
        let token = SignedID.make(id, purpose: "newsletter-subscriber", key: key)
        let flipped = String(token.dropLast()) + (token.hasSuffix("0") ? "1" : "0")
        let bad = [
            "", "-", token + "-", flipped, token.uppercased(), String(repeating: "a", count: 200),
            "zz23456789abcdef0123456789abcdef" + token.dropFirst(32), "<script>-1",
        ]

        // MUT + validation
        XCTAssertNil(SignedID.id(from: token, purpose: "plans-digest-unsubscribe", key: key))
        XCTAssertNil(SignedID.id(from: token, purpose: "newsletter-subscriber", key: SymmetricKey(size: .bits256)))
        for token in bad { XCTAssertNil(SignedID.id(from: token, purpose: "newsletter-subscriber", key: key), token) }
    }
}
