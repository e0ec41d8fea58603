import KrachtCore
import KrachtTesting
import XCTest

final class FormattingTests: XCTestCase {
    func testMoneyIsFormattedAndParsedInCents() {
        XCTAssertEqual(Money.format(cents: 123_456, in: .nl), "€ 1.234,56")
        XCTAssertEqual(Money.format(cents: 123_456, in: .en), "€1,234.56")
        XCTAssertEqual(Money.format(cents: 5, in: .nl), "€ 0,05")
        XCTAssertEqual(Money.format(cents: -1000, in: .nl), "-€ 10,00")
        XCTAssertEqual(Money.parseCents("12"), 1200)
        XCTAssertEqual(Money.parseCents("12,5"), 1250)
        XCTAssertEqual(Money.parseCents("€ 1.000,00"), 100_000)
        XCTAssertEqual(Money.parseCents("1,000.25"), 100_025)
        XCTAssertEqual(Money.parseCents("€ 10.000"), 1_000_000)
        XCTAssertEqual(Money.parseCents("12.50"), 1250)
        XCTAssertNil(Money.parseCents("10,505"), "over-precise in Dutch: refused, not read as thousands")
        XCTAssertNil(Money.parseCents("12.3456"))
        XCTAssertNil(Money.parseCents("1.2.3"))
        XCTAssertNil(Money.parseCents("1.000,00.5"))
        XCTAssertNil(Money.parseCents("12,"))
        XCTAssertNil(Money.parseCents("twaalf"))
        XCTAssertNil(Money.parseCents("-5"))
        XCTAssertNil(Money.parseCents(""))
    }

    func testEmailAddressesAreCheckedAndOneMailboxCountsOnce() {
        XCTAssertTrue(EmailAddress.isValid("naam@voorbeeld.nl"))
        for bad in ["naam", "naam@", "@voorbeeld.nl", "na am@voorbeeld.nl", "naam@voorbeeld", "a@b@c.nl", "<a>@x.nl"] {
            XCTAssertFalse(EmailAddress.isValid(bad), bad)
        }
        XCTAssertEqual(EmailAddress.canonicalMailbox("Jan.Jansen+petitie@GMail.com"), "janjansen@gmail.com")
        XCTAssertEqual(EmailAddress.canonicalMailbox("jan+x@outlook.com"), "jan@outlook.com")
        XCTAssertEqual(EmailAddress.canonicalMailbox("jan.jansen+x@eigen-domein.nl"), "jan.jansen+x@eigen-domein.nl")
    }
}

final class SecureTokenTests: XCTestCase {
    func testTokensAreURLSafeAndUnique() {
        let tokens = (0..<200).map { _ in SecureToken.make() }
        XCTAssertEqual(Set(tokens).count, 200)
        for token in tokens {
            XCTAssertEqual(token.count, 43, "256 bits in unpadded base64url")
            XCTAssertTrue(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }, token)
        }
        XCTAssertEqual(SecureToken.hex([0x00, 0x0f, 0xa5, 0xff]), "000fa5ff")
    }
}
