import Fluent
import Foundation
import Initiatives
import KrachtApp
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// The dashboard's bars per district against the indicators they break down: the bars of public
/// initiatives sum to the indicator less the city-wide ones (no district), and pending or
/// rejected initiatives are in no bar.
final class IndicatorDistrictTests: XCTestCase {
    func testInitiativesPerDistrictSumToTheIndicatorLessTheCityWideOnes() async throws {
        try await withApp(features: AppFixture.features) { app in
            // setup: public initiatives in two districts and city-wide, one pending, one rejected
            let rows: [(district: String?, status: Initiative.Status, flag: Bool)] = [
                ("oost", .approved, true), ("oost", .archived, false), ("west", .approved, true), (nil, .approved, true),
                ("west", .pending, true), ("centrum", .rejected, true),
            ]
            for (index, row) in rows.enumerated() {
                let initiative = Initiative()
                initiative.slug = "initiatief-\(index)"
                initiative.name = "Buurtinitiatief \(index)"
                initiative.summary = "Samen koken in de buurt."
                initiative.why = "Omdat het kan."
                initiative.district = row.district
                initiative.underFlag = row.flag
                initiative.status = row.status
                initiative.createdAt = app.clock.now()
                initiative.updatedAt = app.clock.now()
                initiative.confirmedMinutes = 0
                initiative.peopleReached = 0
                initiative.peopleConnected = 0
                try await initiative.create(on: app.db)
            }
            try await InitiativeCounters.recount(on: app.db)
            let indicators = app.features.flatMap { $0.indicators() }
            let all = try XCTUnwrap(indicators.first { $0.key == "initiatives" })
            let flagged = try XCTUnwrap(indicators.first { $0.key == "initiatives_under_flag" })

            // MUT
            let byDistrict = try await XCTUnwrap(all.byDistrict)(app)
            let flaggedByDistrict = try await XCTUnwrap(flagged.byDistrict)(app)
            let total = try await all.value(app)
            let flaggedTotal = try await flagged.value(app)

            // validation
            XCTAssertEqual(byDistrict, ["oost": 2, "west": 1])
            XCTAssertEqual(flaggedByDistrict, ["oost": 1, "west": 1])
            XCTAssertEqual(total, 4)
            XCTAssertEqual(byDistrict.values.reduce(0, +), total - 1, "the city-wide one is in no district")
            XCTAssertEqual(flaggedByDistrict.values.reduce(0, +), flaggedTotal - 1)
        }
    }
}
