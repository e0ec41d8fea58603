import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Communication

/// The movement's campaign register: a coordinator adds, changes and removes campaigns with
/// their ref codes; the public list and each code's page show them; bad input is refused with a
/// translated message and stores nothing; the indicators count campaigns of the target year.
final class CampaignRegisterTests: XCTestCase {
    static let valid = [
        "name": "Verhalen van Mokum", "kind": "storytelling", "description": "Bewoners vertellen.",
        "starts_on": "2025-05-01", "ends_on": "2025-09-30", "codes": "verhalen-mokum, verhalen-noord",
    ]

    func testACoordinatorAddsChangesAndRemovesACampaign() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let browser = Browser(app)
            try await browser.logIn("coordinator@example.nl")

            // MUT: add one
            let created = try await browser.post(CampaignsPath.new.path, Self.valid)

            // validation: stored with both codes, audited, shown on the public list and by each code
            XCTAssertEqual(created.status, .seeOther)
            let stored = try await MovementCampaign.all(on: app.db)
            XCTAssertEqual(stored.count, 1)
            let campaign = try XCTUnwrap(stored.first)
            XCTAssertEqual(campaign.codeList, ["verhalen-mokum", "verhalen-noord"])
            XCTAssertEqual(campaign.kind, "storytelling")
            XCTAssertEqual(campaign.endsOn, "2025-09-30")
            let audits = try await AuditEvent.query(on: app.db).filter(\.$action == "campaigns.create").count()
            XCTAssertEqual(audits, 1)
            let list = try await Browser(app).get(CampaignsPath.list.path)
            XCTAssertEqual(list.status, .ok)
            XCTAssertTrue(list.body.string.contains("Verhalen van Mokum"))
            XCTAssertTrue(list.body.string.contains("Storytelling"))
            for code in ["verhalen-mokum", "verhalen-noord"] {
                let page = try await Browser(app).get(CampaignsPath.campaign(.value(code)).path)
                XCTAssertEqual(page.status, .ok)
                XCTAssertTrue(page.body.string.contains("<h1>Verhalen van Mokum</h1>"))
            }
            let unknown = try await Browser(app).get(CampaignsPath.campaign(.value("bestaat-niet")).path)
            XCTAssertEqual(unknown.status, .notFound)

            // MUT: change it: one code off, one on, no end
            let id = Parameter<UUID>.value(try campaign.requireID())
            var changed = Self.valid
            changed["codes"] = "verhalen-mokum\nverhalen-oost"
            changed["ends_on"] = ""
            changed["kind"] = "media"
            let saved = try await browser.post(CampaignsPath.edit(id).path, changed)

            // validation
            XCTAssertEqual(saved.status, .seeOther)
            let reloaded = try await MovementCampaign.find(code: "verhalen-oost", on: app.db)
            XCTAssertEqual(reloaded?.codeList, ["verhalen-mokum", "verhalen-oost"])
            XCTAssertNil(reloaded?.endsOn)
            XCTAssertEqual(reloaded?.kind, "media")
            let gone = try await MovementCampaign.find(code: "verhalen-noord", on: app.db)
            XCTAssertNil(gone)

            // MUT: remove it
            let deleted = try await browser.post(CampaignsPath.delete(id).path)

            // validation: campaign and codes gone, audited
            XCTAssertEqual(deleted.status, .seeOther)
            let campaigns = try await MovementCampaign.query(on: app.db).count()
            let codes = try await CampaignCode.query(on: app.db).count()
            XCTAssertEqual(campaigns, 0)
            XCTAssertEqual(codes, 0)
            let removals = try await AuditEvent.query(on: app.db).filter(\.$action == "campaigns.delete").count()
            XCTAssertEqual(removals, 1)
        }
    }

    func testBadInputIsRefusedWithATranslatedMessageAndNothingStored() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup: a campaign that holds `markt-oost`
            _ = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let browser = Browser(app)
            try await browser.logIn("coordinator@example.nl")
            var first = Self.valid
            first["codes"] = "markt-oost"
            let setup = try await browser.post(CampaignsPath.new.path, first)
            XCTAssertEqual(setup.status, .seeOther)

            let cases: [(change: [String: String], field: String, words: String)] = [
                (["codes": "markt-oost"], "campaign-codes", "hoort al bij een andere campagne"),
                (["codes": "markt west"], "campaign-codes", "alleen kleine letters"),
                (["codes": "Markt-West"], "campaign-codes", "alleen kleine letters"),
                (["codes": "<script>alert(1)</script>"], "campaign-codes", "alleen kleine letters"),
                (["codes": "a"], "campaign-codes", "2 tot 40"),
                (["codes": String(repeating: "a", count: 41)], "campaign-codes", "2 tot 40"),
                (["codes": "west, west"], "campaign-codes", "twee keer"),
                (["codes": ""], "campaign-codes", "minstens één"),
                (["ends_on": "2025-04-01"], "campaign-ends", "vóór de begindatum"),
                (["starts_on": "1 mei"], "campaign-starts", "2025-03-01"),
                (["starts_on": ""], "campaign-starts", "Vul"),
                (["name": String(repeating: "x", count: 10_000)], "campaign-name", "120"),
                (["name": ""], "campaign-name", "Vul"),
                (["description": String(repeating: "x", count: 3000)], "campaign-description", "2000"),
                (["kind": "propaganda"], "campaign-kind", "Kies een soort"),
            ]
            for (change, field, words) in cases {
                // MUT
                var form = Self.valid
                form.merge(change) { _, new in new }
                let refused = try await browser.post(CampaignsPath.new.path, form)

                // validation: 400, the message at its field, nothing more stored
                XCTAssertEqual(refused.status, .badRequest, "\(change)")
                refused.assertFormErrors(title: "Campagnes beheren", links: [(field, words)])
                XCTAssertFalse(refused.body.string.contains("<script>alert"), "the code is shown escaped")
                let campaigns = try await MovementCampaign.query(on: app.db).count()
                let codes = try await CampaignCode.query(on: app.db).count()
                XCTAssertEqual(campaigns, 1, "\(change)")
                XCTAssertEqual(codes, 1, "\(change)")
            }

            // MUT: the same in English
            let english = Browser(app)
            english.headers.replaceOrAdd(name: .acceptLanguage, value: "en")
            try await english.logIn("coordinator@example.nl")
            var form = Self.valid
            form["codes"] = "Markt West"
            let refused = try await english.post(CampaignsPath.new.path, form)
            XCTAssertEqual(refused.status, .badRequest)
            XCTAssertTrue(refused.body.string.contains("may only hold lowercase letters"), refused.body.string)

            // MUT: an edit may not take another campaign's code either
            var second = Self.valid
            second["codes"] = "markt-west"
            _ = try await browser.post(CampaignsPath.new.path, second)
            let west = try await MovementCampaign.find(code: "markt-west", on: app.db)
            let westID = try XCTUnwrap(west?.id)
            second["codes"] = "markt-west, markt-oost"
            let taken = try await browser.post(CampaignsPath.edit(.value(westID)).path, second)
            XCTAssertEqual(taken.status, .badRequest)
            let westAgain = try await MovementCampaign.find(code: "markt-west", on: app.db)
            XCTAssertEqual(westAgain?.codeList, ["markt-west"])
        }
    }

    func testTwoCoordinatorsTakingOneCodeAtOnceGetOneCampaign() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            let coordinator = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let input = SaveMovementCampaign.Input(
                name: "Zelfde code", kind: "media", description: nil, starts_on: "2025-03-01", ends_on: nil, codes: "tegelijk")

            // MUT: eight at once
            let outcomes = try await withThrowingTaskGroup(of: SaveMovementCampaign.Outcome.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await SaveMovementCampaign(app: app).run(by: coordinator, id: nil, input, language: .nl) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            // validation: one saved, the others told the code is taken, one campaign stored
            let saved = outcomes.filter { if case .saved = $0 { true } else { false } }
            XCTAssertEqual(saved.count, 1)
            let codes = try await CampaignCode.query(on: app.db).filter(\.$code == "tegelijk").count()
            XCTAssertEqual(codes, 1)
            let campaigns = try await MovementCampaign.query(on: app.db).count()
            XCTAssertEqual(campaigns, 1, "a refused campaign leaves no row without codes")
        }
    }

    func testTheIndicatorsCountStartedCampaignsOfTheTargetYear() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            let coordinator = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            let year = try await app.indicatorTargets(app).year
            let today = AmsterdamTime.day(app.clock.now())
            func add(_ kind: String, _ starts: String, _ ends: String?, _ code: String) async throws {
                let input = SaveMovementCampaign.Input(
                    name: code, kind: kind, description: nil, starts_on: starts, ends_on: ends, codes: code)
                let outcome = try await SaveMovementCampaign(app: app).run(by: coordinator, id: nil, input, language: .nl)
                guard case .saved = outcome else { return XCTFail("\(outcome)") }
            }
            try await add("storytelling", "\(year)-05-01", nil, "verhalen")
            try await add("media", "\(year)-03-01", "\(year)-04-30", "media-een")
            try await add("media", "\(year - 1)-11-01", "\(year)-01-31", "media-twee")  // runs into the year
            try await add("media", "\(year - 1)-01-01", "\(year - 1)-12-31", "media-oud")  // the year before
            try await add("media", "\(year + 1)-01-01", nil, "media-later")  // a later year
            try await add("fundraising", "\(year)-06-01", nil, "geld")
            let future = AmsterdamTime.addingDays(30, to: today)
            if future.hasPrefix("\(year)") { try await add("storytelling", future, nil, "nog-niet") }  // not started

            // MUT
            let values = try await app.indicators.values(app: app)
            let byKey = Dictionary(uniqueKeysWithValues: values.map { ($0.key, $0.value) })

            // validation: against a direct count of what qualifies
            XCTAssertEqual(byKey["storytelling_campaigns"], 1)
            XCTAssertEqual(byKey["media_campaigns"], 2)
            XCTAssertEqual(values.first { $0.key == "media_campaigns" }?.target, 2)
            XCTAssertEqual(values.first { $0.key == "storytelling_campaigns" }?.target, 1)
        }
    }

    func testTheAPIListsCampaignsWithResultsAndNothingPersonal() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            let coordinator = try await app.makeUser(
                name: "Geheime Coördinator", email: "coordinator@example.nl", roles: [.coordinator])
            let input = SaveMovementCampaign.Input(
                name: "Manifest op straat", kind: "signing", description: "Op markten.", starts_on: "2025-03-15", ends_on: nil,
                codes: "markt-dappermarkt")
            _ = try await SaveMovementCampaign(app: app).run(by: coordinator, id: nil, input, language: .nl)

            // MUT
            let response = try await Browser(app).get(CampaignsPath.apiCampaigns.path, headers: ["Accept": "application/json"])

            // validation
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(response.headers.first(name: "Access-Control-Allow-Origin"), "*")
            let list = try JSONDecoder().decode(CampaignsAPIController.CampaignList.self, from: Data(buffer: response.body))
            XCTAssertEqual(list.total, 1)
            XCTAssertEqual(list.campaigns.first?.codes, ["markt-dappermarkt"])
            XCTAssertEqual(list.campaigns.first?.kind, "signing")
            XCTAssertNil(list.campaigns.first?.ends_on)
            XCTAssertFalse(response.body.string.contains("coordinator@example.nl"))
            XCTAssertFalse(response.body.string.contains("Geheime"))
            let paths = CampaignsAPIController.paths()
            XCTAssertNotNil(paths["/campaigns"])
            XCTAssertNotNil(paths["/partners"])
        }
    }

    func testExportEraseAndVerify() async throws {
        try await withApp(features: CommunicationFixture.features) { app in
            // setup
            let coordinator = try await app.makeUser(email: "coordinator@example.nl", roles: [.coordinator])
            _ = try await SaveMovementCampaign(app: app).run(
                by: coordinator, id: nil,
                .init(name: "Lancering", kind: "media", description: nil, starts_on: "2025-03-01", ends_on: nil, codes: "lancering"),
                language: .nl)

            // MUT + validation: the export names what they entered
            let exported = try await CampaignsData.export(of: coordinator, on: app.db)
            XCTAssertTrue(String(describing: exported).contains("Lancering"))
            let clean = try await CampaignsData.verify(app: app)
            XCTAssertEqual(clean, [])

            // MUT: erased — the campaign stays, without them
            try await CampaignsData.erase(of: coordinator, on: app.db)
            let campaign = try await MovementCampaign.find(code: "lancering", on: app.db)
            XCTAssertNotNil(campaign)
            XCTAssertNil(campaign?.createdBy)
            let after = try await CampaignsData.export(of: coordinator, on: app.db)
            XCTAssertNil(after)

            // MUT: broken rows written around the commands are found
            let id = try XCTUnwrap(campaign?.id)
            try await CampaignCode(campaignID: id, code: "Slecht Code").create(on: app.db)
            campaign?.endsOn = "2025-01-01"
            try await campaign?.save(on: app.db)
            let problems = try await CampaignsData.verify(app: app)
            XCTAssertEqual(problems.count, 2, "\(problems)")
        }
    }
}
