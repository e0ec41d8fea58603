import FakeMollie
import Fluent
import Fund
import KrachtCore
import KrachtTesting
import SQLKit
import Vapor
import XCTVapor
import XCTest

@testable import Events

/// Issue #12, item 6: paid tickets through the fund's payment provider, posted to the fund's
/// ledger as event income — once, however often Mollie calls — and places released when the
/// payment fails or there is no way to pay.
final class TicketTests: XCTestCase {
    func testAPaidTicketIsConfirmedByTheWebhookAndBookedOnceAsEventIncome() async throws {
        try await TicketKit.with { kit in
            // setup
            let app = kit.app
            let event = try await EventFixture.event(
                app, slug: "benefietavond", title: "Benefietavond", capacity: 10, ticketPriceCents: 1500)
            let registration = try await BenefitFixture.registration(app, for: event, guests: 1, status: .awaitingPayment)
            let outcome = try await StartTicketPayment(app: app).run(registration, of: event)
            guard case .checkout(let url) = outcome else { return XCTFail("no checkout: \(outcome)") }
            let paymentID = try await kit.paymentID(of: registration)
            XCTAssertTrue(url.contains("/checkout/\(paymentID)"))
            let payment = await kit.mollie.payment(paymentID)
            XCTAssertEqual(payment?.amountCents, 3000, "price × party (one guest)")
            XCTAssertEqual(payment?.description, "Ticket Benefietavond")
            XCTAssertEqual(payment?.webhookUrl, EventsPath.ticketWebhook.url(on: app))
            XCTAssertEqual(payment?.metadata?["registration"], registration.id?.uuidString)
            let token = EventTokens.make(.manage, for: registration.id!, app: app)
            XCTAssertEqual(payment?.redirectUrl, EventsPath.registration(.value(token)).url(on: app))

            // MUT
            try await kit.mollie.setStatus(paymentID, "paid")
            let status = try await kit.webhook(paymentID)
            // Mollie calls again, ten times at once.
            let again = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<10 { group.addTask { try await kit.webhook(paymentID) } }
                return try await group.reduce(into: Set<HTTPStatus>()) { $0.insert($1) }
            }

            // validation
            XCTAssertEqual(status, .ok)
            XCTAssertEqual(again, [.ok])
            let paid = try await EventRegistration.find(registration.id, on: app.db)!
            XCTAssertEqual(paid.status, .confirmed)
            XCTAssertEqual(paid.paidCents, 3000)
            XCTAssertEqual(paid.paymentID, paymentID)
            let tickets = try await kit.postings(kind: "ticket")
            XCTAssertEqual(tickets, 1, "a repeated webhook books nothing more")
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.eventIncome], -3000)
            XCTAssertEqual(balances[.mollie], 3000)
            let raised = try await FundTotals.value(.raisedCents, on: app.db)
            XCTAssertEqual(raised, 0, "a ticket is no gift")
            let reloaded = try await Event.find(event.id, on: app.db)!
            XCTAssertEqual(reloaded.placesTaken, 2)
            let fundProblems = try await FundFeature().verify(app: app)
            XCTAssertEqual(fundProblems, [])
            let eventProblems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(eventProblems, [])
            // The fund's account shows it as its own line, not as gifts.
            let report = try await Browser(app).get("/fonds/verantwoording")
            XCTAssertTrue(report.body.string.contains("Verkochte kaartjes voor evenementen brachten in totaal € 30,00 op"))
            let summary = try await Browser(app).get("/api/v1/fund/summary")
            XCTAssertTrue(summary.body.string.contains("\"ticketIncomeCents\":3000"))
        }
    }

    func testAFailedPaymentReleasesThePlacesAndTheNextOnTheWaitlistIsOffered() async throws {
        try await TicketKit.with { kit in
            // setup
            let app = kit.app
            let event = try await EventFixture.event(app, slug: "benefietavond", capacity: 2, ticketPriceCents: 1000)
            let payer = try await BenefitFixture.registration(app, for: event, guests: 1, status: .awaitingPayment)
            let next = try await BenefitFixture.registration(
                app, for: event, name: "Jan de Vries", email: "jan@example.nl", status: .waitlisted)
            guard case .checkout = try await StartTicketPayment(app: app).run(payer, of: event) else { return XCTFail("no checkout") }
            let paymentID = try await kit.paymentID(of: payer)

            // MUT
            try await kit.mollie.setStatus(paymentID, "failed")
            let status = try await kit.webhook(paymentID)
            try await kit.webhook(paymentID)

            // validation
            XCTAssertEqual(status, .ok)
            let released = try await EventRegistration.find(payer.id, on: app.db)!
            XCTAssertEqual(released.status, .cancelled)
            XCTAssertEqual(released.paidCents, 0)
            let offered = try await EventRegistration.find(next.id, on: app.db)!
            XCTAssertEqual(offered.status, .offered, "the next on the waitlist gets the place")
            let reloaded = try await Event.find(event.id, on: app.db)!
            XCTAssertEqual(reloaded.placesTaken, 1)
            XCTAssertEqual(reloaded.waitlisted, 0)
            let tickets = try await kit.postings(kind: "ticket")
            XCTAssertEqual(tickets, 0)
            let eventProblems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(eventProblems, [])
        }
    }

    func testAPaymentAfterTheHoldExpiredKeepsTheMoneyAndGetsAPlaceOnlyIfOneIsFree() async throws {
        try await TicketKit.with { kit in
            // setup: two late payers; after the first expired, its places went to someone else
            let app = kit.app
            let event = try await EventFixture.event(app, slug: "benefietavond", capacity: 2, ticketPriceCents: 1000)
            let late = try await BenefitFixture.registration(app, for: event, guests: 1, status: .awaitingPayment)
            guard case .checkout = try await StartTicketPayment(app: app).run(late, of: event) else { return XCTFail("no checkout") }
            let paymentID = try await kit.paymentID(of: late)
            try await kit.expireHold(late, of: event)
            let current = try await Event.find(event.id, on: app.db)!
            try await BenefitFixture.registration(
                app, for: current, name: "Jan de Vries", email: "jan@example.nl", guests: 1, status: .confirmed)

            // MUT
            try await kit.mollie.setStatus(paymentID, "paid")
            try await kit.webhook(paymentID)
            try await kit.webhook(paymentID)

            // validation
            let stored = try await EventRegistration.find(late.id, on: app.db)!
            XCTAssertEqual(stored.status, .expired, "no place to give: the organiser refunds")
            XCTAssertEqual(stored.paidCents, 2000)
            let tickets = try await kit.postings(kind: "ticket")
            XCTAssertEqual(tickets, 1, "the money is booked all the same")
            let reloaded = try await Event.find(event.id, on: app.db)!
            XCTAssertEqual(reloaded.placesTaken, 2, "never overbooked")
            let fundProblems = try await FundFeature().verify(app: app)
            XCTAssertEqual(fundProblems, [])
            let eventProblems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(eventProblems, [])
        }
    }

    func testMollieDownReleasesThePlacesAndUnknownWebhookIDsAreAnswered200() async throws {
        try await TicketKit.with { kit in
            // setup
            let app = kit.app
            let event = try await EventFixture.event(app, slug: "benefietavond", capacity: 5, ticketPriceCents: 1500)
            let registration = try await BenefitFixture.registration(app, for: event, status: .awaitingPayment)
            await kit.mollie.failNext(status: 503, count: 1)

            // MUT
            let outcome = try await StartTicketPayment(app: app).run(registration, of: event)
            let unknown = try await kit.webhook("tr_doesNotExist1")
            let garbage = try await kit.webhook("nothing-like-an-id")

            // validation
            XCTAssertEqual(outcome, .failed)
            let stored = try await EventRegistration.find(registration.id, on: app.db)!
            XCTAssertEqual(stored.status, .cancelled)
            let placesTaken = try await Event.find(event.id, on: app.db)?.placesTaken
            XCTAssertEqual(placesTaken, 0)
            XCTAssertEqual(unknown, .ok)
            XCTAssertEqual(garbage, .ok)
            let eventProblems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(eventProblems, [])
        }
    }
}

extension TicketTests {
    func testVerifyFindsAPaidTicketThatWasNeverBooked() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup
            let event = try await EventFixture.event(app, slug: "benefietavond", ticketPriceCents: 1000)
            let registration = try await BenefitFixture.registration(app, for: event, status: .confirmed)
            registration.paymentID = "tr_neverBooked"
            registration.paidCents = 1000
            try await registration.save(on: app.db)

            // MUT
            let problems = try await EventsFeature().verify(app: app)

            // validation
            XCTAssertEqual(problems, ["events: paid registration \(registration.id!) has 0 ticket postings instead of one"])
        }
    }
}

/// An events app talking to a local fake Mollie, as the fund's tests start one.
struct TicketKit {
    let app: Application
    let mollie: FakeMollie

    static func with(_ body: (TicketKit) async throws -> Void) async throws {
        let mollie = try await FakeMollie.start()
        do {
            try await withApp(features: EventFixture.features) { app in
                var settings = app.fundSettings
                settings.mollieAPIKey = mollie.apiKey
                settings.mollieAPIURL = mollie.url
                app.fundSettings = settings
                try await body(TicketKit(app: app, mollie: mollie))
            }
        } catch {
            await mollie.stop()
            throw error
        }
        await mollie.stop()
    }

    /// Mollie calls the webhook (a form post without cookie or form token).
    @discardableResult
    func webhook(_ id: String) async throws -> HTTPStatus {
        try await app.sendRequest(
            .POST, EventsPath.ticketWebhook.path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "id=\(id)")
        ).status
    }

    func paymentID(of registration: EventRegistration) async throws -> String {
        let stored = try await EventRegistration.find(registration.id, on: app.db)
        return try XCTUnwrap(stored?.paymentID)
    }

    func postings(kind: String) async throws -> Int {
        try await app.db.sql.raw("SELECT COUNT(*) AS n FROM fund_ledger_entries WHERE kind = \(bind: kind)").first()!
            .decode(column: "n", as: Int.self)
    }

    /// The hold passed before the payment came (as the registration's expiry job leaves it).
    func expireHold(_ registration: EventRegistration, of event: Event) async throws {
        let stored = try await EventRegistration.find(registration.id, on: app.db)!
        stored.status = .expired
        try await stored.save(on: app.db)
        let reloaded = try await Event.find(event.id, on: app.db)!
        reloaded.placesTaken -= stored.partySize
        try await reloaded.save(on: app.db)
    }
}
