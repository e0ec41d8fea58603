import Fluent
import Fund
import KrachtCore
import KrachtTesting
import XCTest

@testable import FundHelp

/// A case's personal data goes `KRACHT_FUND_RETENTION_DAYS` (default 365) after it closes, by
/// the daily retention purge; the anonymous record — and so every figure — stays.
final class RetentionTests: XCTestCase {
    func testTheDailyPurgeErasesACaseClosedAYearAgoAndKeepsItsAnonymousRecord() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: closed 366 days ago, closed 364 days ago, and still open
            let now = app.clock.now()
            let expired = try await PrivacyCases.make(
                app, name: "Oud Geval", status: .declined, closedAt: now.addingTimeInterval(-366 * 86400))
            let recent = try await PrivacyCases.make(
                app, name: "Recent Geval", status: .referred, closedAt: now.addingTimeInterval(-364 * 86400))
            let open = try await PrivacyCases.make(app, name: "Open Geval", status: .received)
            let expiredFile = try await SupportDocument.query(on: app.db).filter(\.$application.$id == expired.requireID()).first()?
                .storedName
            let figures = try await SupportFigures.read(at: now, on: app.db)

            // MUT
            try await RetentionPurge.run(app)

            // validation: the expired case holds nothing personal any more
            let erasedRow = try await SupportApplication.find(expired.requireID(), on: app.db)
            let erased = try XCTUnwrap(erasedRow)
            let id = try expired.requireID()
            XCTAssertNotNil(erased.erasedAt)
            XCTAssertNil(erased.nameSealed)
            XCTAssertNil(erased.detailsSealed)
            XCTAssertNil(erased.statusTokenSealed)
            let personKeys = try await SupportPersonKey.query(on: app.db).filter(\.$application.$id == id).count()
            let documents = try await SupportDocument.query(on: app.db).filter(\.$application.$id == id).count()
            let messageTexts = try await SupportMessage.query(on: app.db).filter(\.$application.$id == id).filter(\.$bodySealed != nil)
                .count()
            let payees = try await SupportPayout.query(on: app.db).filter(\.$application.$id == id).filter(\.$payeeSealed != nil).count()
            let notes = try await SupportDecision.query(on: app.db).filter(\.$application.$id == id).filter(\.$noteSealed != nil).count()
            XCTAssertEqual([personKeys, documents, messageTexts, payees, notes], [0, 0, 0, 0, 0])
            XCTAssertFalse(FileManager.default.fileExists(atPath: CaseDocuments.folder(app) + "/" + (try XCTUnwrap(expiredFile))))
            // … and keeps its anonymous record
            XCTAssertEqual(erased.number, expired.number)
            XCTAssertEqual(erased.status, "declined")
            XCTAssertEqual(erased.category, expired.category)
            XCTAssertEqual(erased.requestedCents, expired.requestedCents)
            XCTAssertEqual(erased.district, expired.district)
            XCTAssertEqual(erased.createdAt.timeIntervalSince1970, expired.createdAt.timeIntervalSince1970, accuracy: 1)
            let figuresAfter = try await SupportFigures.read(at: now, on: app.db)
            XCTAssertEqual(figuresAfter.byCategory, figures.byCategory, "the figures are unchanged")
            // the others are untouched
            for kept in [recent, open] {
                let row = try await SupportApplication.find(kept.requireID(), on: app.db)
                XCTAssertNil(row?.erasedAt)
                XCTAssertNotNil(row?.nameSealed)
                let documents = try await SupportDocument.query(on: app.db).filter(\.$application.$id == kept.requireID()).count()
                XCTAssertEqual(documents, 1)
            }
            let problems = try await PrivacyCases.verify(app)
            XCTAssertEqual(problems, [])

            // MUT: two more days: the recent case's year has passed too; the purge runs again
            app.clock.advance(by: 2 * 86400)
            try await RetentionPurge.run(app)

            // validation
            let recentAfter = try await SupportApplication.find(recent.requireID(), on: app.db)
            XCTAssertNotNil(recentAfter?.erasedAt)
            let openAfter = try await SupportApplication.find(open.requireID(), on: app.db)
            XCTAssertNil(openAfter?.erasedAt, "an open case is never erased by the clock")
        }
    }

    func testTheRetentionPeriodComesFromTheSettings() async throws {
        try await withApp(features: [FundFeature(), FundHelpFeature()]) { app in
            // setup: a 30-day period, a case closed 31 days ago
            app.fundHelpSettings.retentionDays = 30
            let closed = try await PrivacyCases.make(app, status: .declined, closedAt: app.clock.now().addingTimeInterval(-31 * 86400))

            // MUT
            try await RetentionPurge.run(app)

            // validation
            let row = try await SupportApplication.find(closed.requireID(), on: app.db)
            XCTAssertNotNil(row?.erasedAt)
        }
    }
}
