import Fluent
import Fund
import KrachtCore
import KrachtTesting
import XCTest

/// The treasurer works through the queue: a line with a mistyped reference assigned to its gift,
/// a line without one booked as an anonymous gift (one donor per bank account), a line decided
/// twice changes nothing, and no one else may touch it.
final class QueueTests: XCTestCase {
    func testATreasurerAssignsAQueuedLineToItsGift() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            let (_, browser) = try await StatementSupport.treasurer(app)
            let gift = try await StatementSupport.transferGift(app, reference: "RF36100000000001", cents: 2000, email: "lb@example.nl")
            let outcome = try await StatementSupport.importFile(app, "camt053-v02.xml")
            XCTAssertEqual(
                StatementSupport.summary(outcome)?.queued, 5, "the gift asked 20.00: the 25.00 with its reference is another amount")
            let mistyped = try await StatementSupport.statementLines(app).first { $0.reason == "mistyped" }!
            let page = try await browser.get(FundPath.adminQueue.path)
            XCTAssertTrue(page.body.string.contains("L. Bakker"), "the treasurer sees who paid")

            // MUT
            let wrong = try await browser.post(
                FundPath.adminQueueLine(.value(mistyped.id!)).path, ["action": "assign", "reference": "RF36100000000009"])
            let assigned = try await browser.post(
                FundPath.adminQueueLine(.value(mistyped.id!)).path, ["action": "assign", "reference": "rf36 1000 0000 0001"])
            let twice = try await browser.post(
                FundPath.adminQueueLine(.value(mistyped.id!)).path, ["action": "assign", "reference": "RF36100000000001"])

            // validation
            XCTAssertEqual(wrong.status, .badRequest)
            XCTAssertTrue(wrong.body.string.contains("controlegetal"), wrong.body.string)
            XCTAssertEqual(assigned.status, .seeOther)
            XCTAssertEqual(twice.status, .seeOther)
            let followed = try await browser.get(FundPath.adminQueue.path)
            XCTAssertTrue(followed.body.string.contains("al afgehandeld"))
            let status = try await StatementSupport.status(of: gift, app)
            XCTAssertEqual(status, "paid")
            let line = try await StatementLineRecord.find(mistyped.id, on: app.db)
            XCTAssertEqual(line?.status, "assigned")
            XCTAssertEqual(line?.giftID, gift.id)
            let audits = try await AuditEvent.query(on: app.db).filter(\.$action == "fund.queue.assign").count()
            XCTAssertEqual(audits, 1)
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.unmatched], -(1000 + 2500 + 3000 + 5000))
            XCTAssertEqual(balances[.donations(.private)], -2000)
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testLinesBookedAsAnonymousGiftsCountTheirAccountOnce() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup: two transfers without reference from the same account (M. Smit)
            let (treasurer, _) = try await StatementSupport.treasurer(app)
            _ = try await StatementSupport.importFile(app, "mt940-ing.sta")
            let queued = try await StatementSupport.statementLines(app)
            XCTAssertEqual(queued.map(\.status), ["queued", "queued", "queued"])

            // MUT
            var outcomes: [HandleQueuedLine.Outcome] = []
            for line in queued { outcomes.append(try await HandleQueuedLine(app: app).run(line.id!, .anonymous, by: treasurer)) }
            let again = try await HandleQueuedLine(app: app).run(queued[0].id!, .anonymous, by: treasurer)

            // validation
            XCTAssertEqual(outcomes.filter { if case .booked = $0 { true } else { false } }.count, 3)
            XCTAssertEqual(again, .alreadyHandled)
            let donors = try await FundTotals.value(.donors, on: app.db)
            XCTAssertEqual(donors, 2, "M. Smit twice and P. Bakker once")
            let gifts = try await Gift.query(on: app.db).all()
            XCTAssertEqual(Set(gifts.map(\.wall)), ["anonymous"])
            XCTAssertEqual(gifts.map(\.amountCents).reduce(0, +), 5200)
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertNil(balances[.unmatched].flatMap { $0 == 0 ? nil : $0 })
            let problems = try await FundFeature().verify(app: app)
            XCTAssertEqual(problems, [])
        }
    }

    func testOnlyTheTreasurerSeesTheQueue() async throws {
        try await withApp(features: [FundFeature()]) { app in
            // setup
            _ = try await app.makeUser(email: "bewoner@example.nl")
            let resident = Browser(app)
            try await resident.logIn("bewoner@example.nl")
            _ = try await StatementSupport.importFile(app, "mt940-ing.sta")
            let line = try await StatementSupport.statementLines(app)[0]

            // MUT
            let page = try await resident.get(FundPath.adminQueue.path)
            let decide = try await resident.post(FundPath.adminQueueLine(.value(line.id!)).path, ["action": "anonymous"])

            // validation
            XCTAssertEqual(page.status, .forbidden)
            XCTAssertEqual(decide.status, .forbidden)
            let still = try await StatementLineRecord.find(line.id, on: app.db)
            XCTAssertEqual(still?.status, "queued")
        }
    }
}
