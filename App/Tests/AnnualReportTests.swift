import Fluent
import Foundation
import Fund
import KrachtApp
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// The annual report with every feature: the fund's money of the year is the sum of the gifts
/// paid in that year (through the fund's own seam), not those of the year before or after.
final class AnnualReportTests: XCTestCase {
    func testTheFundsMoneyInIsTheSumOfTheGiftsPaidThatYear() async throws {
        try await withApp(features: AppFixture.features) { app in
            // setup: cash and in kind recorded in three years
            let treasurer = try await app.makeUser(email: "penningmeester@example.nl", roles: [.treasurer])
            let year = AmsterdamTime.calendar.component(.year, from: app.clock.now()) - 1
            let record = RecordCash(app: app)
            let gifts: [(day: String, amount: String, kind: String)] = [
                ("\(year - 1)-12-31", "999,00", "cash"), ("\(year)-01-01", "12,50", "cash"), ("\(year)-06-15", "100,00", "in_kind"),
                ("\(year)-12-31", "7,25", "cash"), ("\(year + 1)-01-01", "55,00", "cash"),
            ]
            for (index, gift) in gifts.enumerated() {
                let outcome = try await record.run(
                    .init(
                        amount: gift.amount, day: gift.day, kind: gift.kind, source: "event", campaign: nil, donorName: nil,
                        note: "Benefietavond \(index)", formID: UUID().uuidString), by: treasurer, language: .nl)
                guard case .recorded = outcome else { return XCTFail("\(gift): \(outcome)") }
            }

            // MUT
            let sections = try await app.features.first { $0.name == "fund" }!.annualReport(year: year, app: app)
            let page = try await Browser(app).get("/dashboard/jaarverslag/\(year)")

            // validation: 12,50 + 100,00 + 7,25 = 119,75
            let figures = try XCTUnwrap(sections.first?.figures)
            XCTAssertEqual(figures.first { $0.labelKey == "report.fund.in_total" }?.value, 11_975)
            XCTAssertEqual(figures.first { $0.labelKey == "report.fund.gifts" }?.value, 3)
            XCTAssertEqual(figures.first { $0.labelKey == "report.fund.in.cash" }?.value, 1_975)
            XCTAssertEqual(figures.first { $0.labelKey == "report.fund.in.in_kind" }?.value, 10_000)
            XCTAssertEqual(page.status, .ok)
            XCTAssertContains(page.body.string, "Solidariteitsfonds: geld binnen")
            XCTAssertContains(page.body.string, "<dd>€ 119,75</dd>")
            XCTAssertFalse(page.body.string.contains("999,00"))
        }
    }
}
