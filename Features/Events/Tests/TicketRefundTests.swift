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

/// Review item 2: paid tickets are honest with money. Money that has to go back is marked refund
/// due (and audited); the treasurer pays it back through Mollie and the ledger books it once; a
/// payment for an event called off or a registration cancelled meanwhile never confirms it.
final class TicketRefundTests: XCTestCase {
    func testACancelledPaidTicketIsRefundDueAndTheTreasurerRefundsItOnceThroughMollie() async throws {
        try await TicketKit.with { kit in
            // setup: a paid ticket
            let app = kit.app
            let event = try await EventFixture.event(app, slug: "benefietavond", title: "Benefietavond", ticketPriceCents: 1500)
            let (registration, paymentID) = try await kit.paid(for: event)
            let token = EventTokens.make(.manage, for: registration.id!, app: app)
            _ = try await app.makeUser(email: "penning@example.nl", roles: [.treasurer])
            let treasurer = Browser(app)
            try await treasurer.logIn("penning@example.nl")

            // MUT: the buyer cancels; the treasurer refunds (Mollie down the first time, then twice)
            let buyer = Browser(app)
            _ = try await buyer.get(EventsPath.cancelRegistration(.value(token)).path)
            _ = try await buyer.post(EventsPath.cancelRegistration(.value(token)).path)
            let due = try await EventRegistration.find(registration.id, on: app.db)
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let coordinator = Browser(app)
            try await coordinator.logIn("coordinator@example.nl")
            let attendees = try await coordinator.get(EventsPath.attendees(.value(event.slug)).path)
            let list = try await treasurer.get(EventsPath.refunds.path)
            await kit.mollie.failNext(status: 503, count: 1)
            let down = try await treasurer.post(EventsPath.refundTicket(.value(registration.id!)).path)
            let afterDown = try await kit.postings(kind: "ticket_refund")
            _ = try await treasurer.post(EventsPath.refundTicket(.value(registration.id!)).path)
            _ = try await treasurer.post(EventsPath.refundTicket(.value(registration.id!)).path)

            // validation
            XCTAssertEqual(due?.status, .cancelled)
            XCTAssertEqual(due?.refundDueCents, 1500)
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "events.refund_due").count()
            XCTAssertEqual(audited, 1)
            XCTAssertTrue(attendees.body.string.contains("Kaartjes die terug moeten"), "the organiser sees who is owed")
            XCTAssertTrue(attendees.body.string.contains("Fatima El Amrani: € 15,00"))
            XCTAssertEqual(list.status, .ok)
            XCTAssertTrue(list.body.string.contains("Betaal € 15,00 terug aan Fatima El Amrani"), list.body.string)
            XCTAssertEqual(down.status, .seeOther)
            XCTAssertEqual(afterDown, 0, "Mollie down: nothing booked")
            let refunded = try await EventRegistration.find(registration.id, on: app.db)
            XCTAssertNotNil(refunded?.refundedAt)
            XCTAssertEqual(refunded?.refundID?.hasPrefix("re_"), true)
            let refunds = try await MollieClient(app: app).refunds(of: paymentID)
            XCTAssertEqual(refunds.map(\.amount.cents), [1500], "one refund at Mollie")
            let postings = try await kit.postings(kind: "ticket_refund")
            XCTAssertEqual(postings, 1, "booked once")
            let balances = try await Ledger.balances(on: app.db)
            XCTAssertEqual(balances[.eventIncome] ?? 0, 0)
            XCTAssertEqual(balances[.mollie] ?? 0, 0)
            let emptied = try await treasurer.get(EventsPath.refunds.path)
            XCTAssertTrue(emptied.body.string.contains("Er hoeven nu geen kaartjes terugbetaald te worden."))
            let page = try await buyer.get(EventsPath.registration(.value(token)).path)
            XCTAssertTrue(page.body.string.contains("We hebben € 15,00 aan je terugbetaald."))
            let fundProblems = try await FundFeature().verify(app: app)
            XCTAssertEqual(fundProblems, [])
            let eventProblems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(eventProblems, [])
        }
    }

    func testCallingOffAPaidEventMarksPaidTicketsRefundDueMailsSoAndALatePaymentNeverConfirms() async throws {
        try await TicketKit.with { kit in
            // setup: one paid ticket, one payment still open
            let app = kit.app
            let coordinator = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let event = try await EventFixture.event(app, slug: "benefietavond", title: "Benefietavond", ticketPriceCents: 1500)
            let (paid, _) = try await kit.paid(for: event)
            let current = try await Event.find(event.id, on: app.db)!
            let open = try await BenefitFixture.registration(
                app, for: current, name: "Jan de Vries", email: "jan@example.nl", guests: 1, status: .awaitingPayment)
            guard case .checkout = try await StartTicketPayment(app: app).run(open, of: current) else { return XCTFail("no checkout") }
            let openPayment = try await kit.paymentID(of: open)

            // MUT: the event is called off, then the open payment completes
            let outcome = try await CancelEvent(app: app).run(event: event.id!, by: coordinator)
            try await kit.mollie.setStatus(openPayment, "paid")
            try await kit.webhook(openPayment)

            // validation
            XCTAssertEqual(outcome, .cancelled(slug: "benefietavond"))
            let paidNow = try await EventRegistration.find(paid.id, on: app.db)
            XCTAssertEqual(paidNow?.refundDueCents, 1500)
            let late = try await EventRegistration.find(open.id, on: app.db)
            XCTAssertEqual(late?.status, .cancelled, "never confirmed on an event that is off")
            XCTAssertEqual(late?.paidCents, 3000, "the money is booked")
            XCTAssertEqual(late?.refundDueCents, 3000, "and owed back")
            let tickets = try await kit.postings(kind: "ticket")
            XCTAssertEqual(tickets, 2)
            try await app.deliverMail()
            let fatima = try MailSink.messages(app: app, to: "fatima@example.nl").last { $0.subject.hasPrefix("Gaat niet door") }
            XCTAssertTrue(fatima?.text.contains("Je krijgt dat geld terug") == true, fatima?.text ?? "no mail")
            let jan = try MailSink.messages(app: app, to: "jan@example.nl").last { $0.subject.hasPrefix("Gaat niet door") }
            XCTAssertTrue(jan?.text.contains("Je hoeft je kaartje niet meer te betalen") == true, jan?.text ?? "no mail")
            let confirmations = try MailSink.messages(app: app, to: "jan@example.nl").filter { $0.subject.hasPrefix("Je bent aangemeld") }
            XCTAssertEqual(confirmations.count, 0)
            let fundProblems = try await FundFeature().verify(app: app)
            XCTAssertEqual(fundProblems, [])
            let eventProblems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(eventProblems, [])
        }
    }

    func testAPaymentForARegistrationCancelledMeanwhileIsBookedAndRefundDueNotConfirmed() async throws {
        try await TicketKit.with { kit in
            // setup: a payment is open; the buyer cancels before it completes
            let app = kit.app
            let event = try await EventFixture.event(app, slug: "benefietavond", capacity: 2, ticketPriceCents: 1000)
            let buyer = try await BenefitFixture.registration(app, for: event, guests: 1, status: .awaitingPayment)
            guard case .checkout = try await StartTicketPayment(app: app).run(buyer, of: event) else { return XCTFail("no checkout") }
            let paymentID = try await kit.paymentID(of: buyer)
            let cancelled = try await CancelRegistration(app: app).run(token: EventTokens.make(.manage, for: buyer.id!, app: app))

            // MUT
            try await kit.mollie.setStatus(paymentID, "paid")
            try await kit.webhook(paymentID)

            // validation
            XCTAssertEqual(cancelled, .cancelled(refundByHand: false))
            let stored = try await EventRegistration.find(buyer.id, on: app.db)
            XCTAssertEqual(stored?.status, .cancelled, "a cancelled registration is not confirmed again")
            XCTAssertEqual(stored?.refundDueCents, 2000)
            let placesTaken = try await Event.find(event.id, on: app.db)?.placesTaken
            XCTAssertEqual(placesTaken, 0)
            let eventProblems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(eventProblems, [])
        }
    }

    func testErasingAnAccountWithAPaidTicketMarksItRefundDue() async throws {
        try await TicketKit.with { kit in
            // setup
            let app = kit.app
            let user = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            let event = try await EventFixture.event(app, slug: "benefietavond", ticketPriceCents: 1500)
            let (registration, _) = try await kit.paid(for: event, user: user)

            // MUT
            try await app.db.writeTransaction { db in try await EventsPersonalData.erase(of: user, app: app, on: db) }

            // validation
            let stored = try await EventRegistration.find(registration.id, on: app.db)
            XCTAssertEqual(stored?.status, .cancelled)
            XCTAssertEqual(stored?.refundDueCents, 1500, "the money still goes back (to the account it came from)")
            XCTAssertEqual(stored?.name, "—")
            let eventProblems = try await EventsFeature().verify(app: app)
            XCTAssertEqual(eventProblems, [])
        }
    }

    func testVerifyFindsARefundBookedTwiceOrNotAtAll() async throws {
        try await withApp(features: EventFixture.features) { app in
            // setup: refunded, without a posting
            let event = try await EventFixture.event(app, slug: "benefietavond", ticketPriceCents: 1000)
            let registration = try await BenefitFixture.registration(app, for: event, status: .cancelled)
            registration.refundDueCents = 1000
            registration.refundedAt = app.clock.now()
            try await registration.save(on: app.db)

            // MUT
            let problems = try await TicketVerify.refundProblems(on: app.db)

            // validation
            XCTAssertEqual(
                problems, ["events: refunded registration \(registration.id!) has no single ticket_refund posting of what was due"])
        }
    }
}

extension TicketKit {
    /// A registration whose ticket was paid through the fake Mollie and its webhook.
    func paid(for event: Event, user: User? = nil) async throws -> (EventRegistration, String) {
        let current = try await Event.find(event.id, on: app.db)!
        let registration = try await BenefitFixture.registration(app, for: current, status: .awaitingPayment, user: user)
        guard case .checkout = try await StartTicketPayment(app: app).run(registration, of: current) else {
            throw Abort(.internalServerError, reason: "no checkout")
        }
        let paymentID = try await paymentID(of: registration)
        try await mollie.setStatus(paymentID, "paid")
        try await webhook(paymentID)
        return (try await EventRegistration.find(registration.id, on: app.db)!, paymentID)
    }
}
