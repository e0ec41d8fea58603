import Fluent
import Fund
import KrachtCore
import KrachtTesting
import SQLKit
import XCTest

@testable import FundHelp

/// `kracht verify` for the fund's help finds what must never be: a grant the ledger does not
/// know (or knows at another amount), an erased case that still holds personal data, a document
/// without its file, a grant approved by its own proposer.
final class FundHelpVerifyTests: XCTestCase {
    func testVerifyNamesEachBrokenInvariantByCaseNumber() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: a sound granted case, then one broken case per invariant
            let now = app.clock.now()
            func grant(_ application: SupportApplication, _ cents: Int64) async throws {
                try await Ledger.post(
                    Ledger.Entry(
                        kind: "grant", cause: .init("support_application", try application.requireID().uuidString), bookedAt: now,
                        lines: [.debit(.payouts(application.category), cents), .credit(.grantsPayable, cents)]),
                    on: app.db)
            }
            let sound = try await PrivacyCases.make(app, status: .granted, grantedCents: 10_000)
            try await grant(sound, 10_000)
            let clean = try await PrivacyCases.verify(app)
            XCTAssertEqual(clean, [])

            let unbooked = try await PrivacyCases.make(app, status: .granted, grantedCents: 5_000)
            let misbooked = try await PrivacyCases.make(app, status: .granted, grantedCents: 7_000)
            try await grant(misbooked, 6_000)
            let leftover = try await PrivacyCases.make(app, status: .declined, closedAt: now)
            _ = try await EraseCase.run(leftover, app: app, on: app.db)
            try await SupportPersonKey(applicationID: leftover.requireID(), kind: "name", key: "i0.abc").create(on: app.db)
            let fileless = try await PrivacyCases.make(app)
            let document = try await SupportDocument.query(on: app.db).filter(\.$application.$id == fileless.requireID()).first()
            try FileManager.default.removeItem(atPath: CaseDocuments.folder(app) + "/" + (try XCTUnwrap(document?.storedName)))
            let selfApproved = try await PrivacyCases.make(app)
            let decision = try await SupportDecision.query(on: app.db).filter(\.$application.$id == selfApproved.requireID()).first()
            decision?.approvedBy = decision?.proposedBy
            decision?.approvedAt = now
            try await decision?.save(on: app.db)

            // MUT
            let problems = try await PrivacyCases.verify(app)

            // validation
            XCTAssertEqual(
                problems.sorted(),
                [
                    "support case \(unbooked.number): granted 5000 cents, but the ledger has no grant entry",
                    "support case \(misbooked.number): granted 7000 cents, the ledger's grant entry says 6000",
                    "support case \(leftover.number) is erased but still has person keys without a grant",
                    "support case \(fileless.number): a document's file is missing",
                    "support case \(selfApproved.number): a decision approved by its own proposer",
                ].sorted())
        }
    }
}
