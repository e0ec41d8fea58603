import Fluent
import Fund
import KrachtCore
import KrachtTesting
import XCTVapor
import XCTest

/// Review of issue #9: a monthly gift by bank transfer is a standing order the donor keeps at
/// their own bank. The gift says `monthly`; there is no monthly gift of ours, so no stop button.
final class MonthlyTransferTests: XCTestCase {
    func testASignedInDonorGivingMonthlyByTransferSeesNoStopButton() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            try await app.makeUser(name: "Daan de Vries", email: "daan@example.nl")
            let browser = Browser(app)
            try await browser.logIn("daan@example.nl")

            // MUT
            let asked = try await browser.post(
                "/fonds/doneren", giftForm(amount: "1000", frequency: "monthly", name: "Daan de Vries", email: "daan@example.nl"))
            let transfer = try await browser.get(try XCTUnwrap(asked.location))
            try await app.payGift(try await app.onlyGift())
            let mine = try await browser.get("/fonds/mijn-giften")

            // validation
            XCTAssertTrue(transfer.body.string.contains("Stoppen doe je ook zelf, bij je bank."))
            XCTAssertEqual(mine.status, .ok)
            XCTAssertTrue(mine.body.string.contains("€ 10,00"), "the gift is in the donor's list")
            XCTAssertFalse(mine.body.string.contains("Stop mijn maandgift"), "nothing to stop here: the donor's bank holds the order")
            let gift = try await app.onlyGift()
            XCTAssertEqual(gift.frequency, "monthly")
            XCTAssertNil(gift.recurringID)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }
}
