import Events
import Fluent
import Foundation
import Fund
import FundHelp
import KrachtApp
import KrachtCore
import KrachtTesting
import Manifesto
import SQLKit
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
            let year = AmsterdamTime.year(of: app.clock.now()) - 1
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

/// FundHelp, Events and Manifesto in the annual report, each against the direct sums of its rows:
/// only what fell in the year (Amsterdam), nothing of the year before or after.
extension AnnualReportTests {
    private func at(_ day: String, hour: Double = 12) -> Date { AmsterdamTime.parseDay(day)!.addingTimeInterval(hour * 3_600) }
    private func figure(_ sections: [ReportSection], _ key: String) -> Int64? {
        sections.flatMap(\.figures).first { $0.labelKey == key }?.value
    }
    private func feature(_ app: Application, _ name: String) -> any Feature { app.features.first { $0.name == name }! }

    func testFundHelpCountsTheYearsApplicationsGrantsAndMoneyPaidOut() async throws {
        try await withApp(features: AppFixture.features) { app in
            // setup: six cases that year (five granted), one the year before; payouts paid that year, returned, and the next year
            let year = AmsterdamTime.year(of: app.clock.now()) - 1
            let treasurer = try await app.makeUser(email: "penningmeester@example.nl", roles: [.treasurer])
            var cases: [SupportApplication] = []
            for (index, day) in [
                "\(year - 1)-12-31", "\(year)-01-01", "\(year)-02-10", "\(year)-03-03", "\(year)-05-20", "\(year)-09-09", "\(year)-12-31",
            ].enumerated() {
                let application = SupportApplication()
                application.number = "FH-\(UUID().uuidString.prefix(8))"
                application.statusTokenHash = SecureToken.hash(SecureToken.make())
                application.status = (index == 6 ? SupportApplication.Status.declined : .paid).rawValue
                application.category = SupportApplication.Category.food.rawValue
                application.urgency = SupportApplication.Urgency.week.rawValue
                application.requestedCents = 20_000
                application.grantedCents = index == 6 ? nil : 10_000 + Int64(index)
                application.paidCents = 0
                application.language = Language.nl.rawValue
                application.channel = SupportApplication.Channel.applicant.rawValue
                application.createdAt = at(day, hour: 1)
                application.decidedAt = at(day, hour: 20)
                application.revision = 1
                try await application.create(on: app.db)
                cases.append(application)
            }
            let payouts: [(day: String, state: String, cents: Int64)] = [
                ("\(year - 1)-12-31", "paid", 111), ("\(year)-01-02", "paid", 1_000), ("\(year)-02-11", "paid", 2_000),
                ("\(year)-03-04", "paid", 3_000), ("\(year)-05-21", "paid", 4_000), ("\(year)-09-10", "paid", 5_000),
                ("\(year)-09-11", "returned", 777), ("\(year + 1)-01-01", "paid", 999),
            ]
            for (index, payout) in payouts.enumerated() {
                let row = SupportPayout()
                row.$application.id = try cases[min(index, 5)].requireID()
                row.method = SupportPayout.Method.cash.rawValue
                row.amountCents = payout.cents
                row.state = payout.state
                row.endToEndID = "KVM-\(UUID().uuidString.prefix(12))"
                row.createdBy = try treasurer.requireID()
                row.createdAt = at(payout.day, hour: 0.5)
                row.paidAt = at(payout.day, hour: 23.5)
                try await row.create(on: app.db)
            }

            // MUT
            let sections = try await feature(app, "fund-help").annualReport(year: year, app: app)
            let nextYear = try await feature(app, "fund-help").annualReport(year: year + 1, app: app)
            let page = try await Browser(app).get("/dashboard/jaarverslag/\(year)").body.string

            // validation: the direct sums of the year's rows
            XCTAssertEqual(figure(sections, "report.fundhelp.applications"), 6)
            XCTAssertEqual(figure(sections, "report.fundhelp.grants"), 5)
            XCTAssertEqual(figure(sections, "report.fundhelp.granted"), 10_001 + 10_002 + 10_003 + 10_004 + 10_005)
            XCTAssertEqual(figure(sections, "report.fundhelp.out_total"), 15_000)
            XCTAssertTrue(nextYear.isEmpty, "one payout the next year is fewer than five: nothing shown")
            XCTAssertContains(page, "Solidariteitsfonds: steun verleend")
            XCTAssertContains(page, "€ 150,00")
        }
    }

    func testEventsListTheYearsEventsWithAttendance() async throws {
        try await withApp(features: AppFixture.features) { app in
            // setup: events the year before, in the year (one cancelled), and the next year
            let year = AmsterdamTime.year(of: app.clock.now()) - 1
            let events: [(title: String, day: String, attended: Int, cancelled: Bool)] = [
                ("Oudejaarsborrel", "\(year - 1)-12-31", 50, false), ("Nieuwjaarsbijeenkomst", "\(year)-01-01", 40, false),
                ("Buurtmaaltijd Oost", "\(year)-06-15", 25, false), ("Afgelaste demo", "\(year)-07-01", 9, true),
                ("Kerstmarkt West", "\(year)-12-31", 1, false), ("Volgend jaar", "\(year + 1)-01-01", 70, false),
            ]
            for (index, item) in events.enumerated() {
                let event = Event.new(organiser: nil, createdBy: nil, now: at(item.day, hour: 0))
                event.slug = "event-\(index)"
                event.title = item.title
                event.description = "Een bijeenkomst."
                event.kind = .meetup
                event.startsAt = at(item.day, hour: 22)
                event.endsAt = at(item.day, hour: 23.5)
                event.venue = "Buurthuis De Pijp"
                event.address = "Van Ostadestraat 1"
                event.stepFree = true
                event.hearingLoop = false
                event.quietRoom = false
                event.capacity = 100
                event.registrationDeadline = at(item.day, hour: 12)
                event.askDietary = false
                event.askAccessibility = false
                event.houseRules = ""
                event.status = item.cancelled ? .cancelled : .scheduled
                event.placesTaken = item.attended
                event.attended = item.attended
                try await event.create(on: app.db)
            }

            // MUT
            let sections = try await feature(app, "events").annualReport(year: year, app: app)
            let page = try await Browser(app).get("/dashboard/jaarverslag/\(year)").body.string

            // validation
            XCTAssertEqual(figure(sections, "report.events.count"), 3)
            XCTAssertEqual(figure(sections, "report.events.attendance"), 66)
            XCTAssertEqual(sections.first?.items.map(\.title), ["Nieuwjaarsbijeenkomst", "Buurtmaaltijd Oost", "Kerstmarkt West"])
            XCTAssertEqual(sections.first?.items.map(\.day), ["\(year)-01-01", "\(year)-06-15", "\(year)-12-31"])
            XCTAssertEqual(sections.first?.items.first?.path, "/evenementen/event-1")
            XCTAssertContains(page, "Buurtmaaltijd Oost")
            XCTAssertContains(page, "25 aanwezigen")
            XCTAssertFalse(page.contains("Afgelaste demo"))
            XCTAssertFalse(page.contains("Oudejaarsborrel"))
        }
    }

    func testManifestoCountsSignaturesConfirmedThatYearAndPerDistrictAsTheIndicator() async throws {
        try await withApp(features: AppFixture.features) { app in
            // setup: confirmed online and paper signatures in three years, one pending
            let year = AmsterdamTime.year(of: app.clock.now()) - 1
            let rows: [(day: String, source: String, status: String, district: String)] = [
                ("\(year - 1)-12-31", "online", "confirmed", "oost"), ("\(year)-01-01", "online", "confirmed", "oost"),
                ("\(year)-04-04", "paper", "confirmed", "west"), ("\(year)-08-08", "online", "confirmed", "centrum"),
                ("\(year)-09-09", "online", "pending", "west"), ("\(year)-12-31", "online", "voided", "west"),
                ("\(year + 1)-01-01", "online", "confirmed", "noord"),
            ]
            for (index, row) in rows.enumerated() {
                let when = at(row.day, hour: 23)
                let confirmed: Date? = row.status == "confirmed" && row.source == "online" ? when : nil
                try await app.db.sql.raw(
                    """
                    INSERT INTO signatures (id, created_at, version_number, name, district, show_name, newsletter, source, status,
                    confirmed_at, volunteer_interest) VALUES (\(bind: UUID()), \(bind: when), 1, \(bind: "Ondertekenaar \(index)"),
                    \(bind: row.district), false, false, \(bind: row.source), \(bind: row.status), \(bind: confirmed), false)
                    """
                ).run()
                if row.status == "confirmed" {
                    try await app.db.sql.raw("UPDATE manifesto_counters SET value = value + 1 WHERE key = \(bind: row.source)").run()
                }
            }
            let indicator = try XCTUnwrap(app.features.flatMap { $0.indicators() }.first { $0.key == "manifesto_signatures" })

            // MUT
            let sections = try await feature(app, "manifesto").annualReport(year: year, app: app)
            let byDistrict = try await XCTUnwrap(indicator.byDistrict)(app)
            let total = try await indicator.value(app)

            // validation
            XCTAssertEqual(figure(sections, "report.manifesto.signatures"), 3)
            XCTAssertEqual(figure(sections, "report.manifesto.online"), 2)
            XCTAssertEqual(figure(sections, "report.manifesto.paper"), 1)
            XCTAssertEqual(byDistrict, ["oost": 2, "west": 1, "centrum": 1, "noord": 1])
            XCTAssertEqual(byDistrict.values.reduce(0, +), total)
        }
    }
}
