import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Plans

/// `/api/v1/plans`: published plans and each of their versions as open data, with counts but
/// nothing personal, described field for field in the OpenAPI document.
final class PlansAPITests: XCTestCase {
    func testOnlyPublishedPlansAndTheirVersionsWithNothingPersonal() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup: a plan published twice, supported and reacted to by Fatima; a draft never published
            let fatima = try await app.makeUser(name: "Fatima El Amrani", email: "fatima@example.nl")
            let plan = try await PlanFixture.draft(app)
            try await DataFixture.publish(app, plan, note: "Eerste versie.")
            let sections = try await DataFixture.sections(app, of: plan)
            sections[0].body = "Het moet **echt** anders."
            try await sections[0].save(on: app.db)
            let activities = try await DataFixture.activities(app, of: plan)
            activities[0].district = "noord"
            activities[0].domain = "wonen"
            activities[0].organiser = "de coördinatiegroep"
            try await activities[0].save(on: app.db)
            try await DataFixture.publish(app, plan, note: "Scherper geformuleerd.")
            try await DataFixture.support(app, activities[0], by: fatima)
            try await DataFixture.react(app, on: sections[0], by: fatima, body: "Mooi plan, Fatima doet mee!")
            try await DataFixture.suggest(app, on: sections[0], by: fatima, title: "Buurtavond")
            _ = try await PlanFixture.draft(app, slug: "nog-geheim")

            // MUT
            let browser = Browser(app)
            let list = try await browser.get(PlansPath.api.path, headers: ["Accept": "application/json"])
            let latest = try await browser.get(PlansPath.apiPlan(.value(plan.slug)).path)
            let first = try await browser.get(PlansPath.apiVersion(.value(plan.slug), number: .value(1)).path)
            let draft = try await browser.get(PlansPath.apiPlan(.value("nog-geheim")).path)
            let noVersion = try await browser.get(PlansPath.apiVersion(.value(plan.slug), number: .value(3)).path)
            let notANumber = try await browser.get("/api/v1/plans/\(plan.slug)/versions/twee")

            // validation: the list
            XCTAssertEqual(list.status, .ok)
            XCTAssertEqual(list.headers.first(name: "Access-Control-Allow-Origin"), "*")
            let listed = try json(list)
            XCTAssertEqual(listed["total"], .int(1))
            guard case .array(let plans)? = listed["plans"], case .object(let summary)? = plans.first else {
                return XCTFail("no plans in \(list.body.string)")
            }
            XCTAssertEqual(plans.count, 1, "the draft is not open data")
            XCTAssertEqual(summary["slug"], .string(plan.slug))
            XCTAssertEqual(summary["version"], .int(2))
            XCTAssertEqual(
                summary["counts"],
                .object(["reactions": 1, "supports": 1, "signups": 0, "accepted_suggestions": 0, "followers": 0]))
            XCTAssertEqual(summary["api_url"], .string("http://kracht.test/api/v1/plans/calls-to-action"))

            // validation: the latest version, whole, and the first as it was
            XCTAssertEqual(latest.status, .ok)
            let document = try json(latest)
            XCTAssertEqual(document["version"], .int(2))
            XCTAssertEqual(document["latest_version"], .int(2))
            XCTAssertEqual(document["note"], .string("Scherper geformuleerd."))
            let changedID = JSONValue.string(try activities[0].requireID().uuidString.lowercased())
            guard case .array(let docSections)? = document["sections"], case .object(let section)? = docSections.first,
                let activity = Self.activity(changedID, in: document)
            else { return XCTFail("no sections in \(latest.body.string)") }
            XCTAssertEqual(docSections.count, 2)
            XCTAssertEqual(section["markdown"], .string("Het moet **echt** anders."))
            XCTAssertEqual(section["html"], .string(PlanMarkdown.html("Het moet **echt** anders.")))
            XCTAssertEqual(activity["support_count"], .int(1))
            XCTAssertEqual(activity["district"], .string("noord"))
            XCTAssertEqual(activity["domain"], .string("wonen"))
            XCTAssertEqual(activity["organiser"], .string("de coördinatiegroep"))
            guard case .array(let versions)? = document["versions"] else { return XCTFail("no versions") }
            let numbers: [JSONValue] = versions.compactMap { version -> JSONValue? in
                guard case .object(let fields) = version else { return nil }
                return fields["number"]
            }
            XCTAssertEqual(numbers, [.int(1), .int(2)])
            XCTAssertEqual(first.status, .ok)
            let old = try json(first)
            XCTAssertEqual(old["version"], .int(1))
            XCTAssertEqual(old["note"], .string("Eerste versie."))
            guard case .array(let oldSections)? = old["sections"], case .object(let oldSection)? = oldSections.first,
                let oldActivity = Self.activity(changedID, in: old)
            else { return XCTFail("no sections in version 1") }
            XCTAssertEqual(oldSection["markdown"], .string("Het moet **anders**."))
            XCTAssertEqual(oldActivity["district"], .null, "absent values are null, the key is there")

            // validation: unknown, draft and bad numbers are JSON 404s
            for response in [draft, noVersion, notANumber] {
                XCTAssertEqual(response.status, .notFound)
                XCTAssertEqual(response.headers.contentType, .json)
                XCTAssertEqual(try json(response)["error"], .bool(true))
            }

            // validation: nothing personal anywhere
            let text = list.body.string + latest.body.string + first.body.string
            for response in [list, latest, first] { assertNoPersonalKeys(try json(response)) }
            XCTAssertFalse(text.contains("Fatima"))
            XCTAssertFalse(text.contains("@"))
            XCTAssertFalse(text.lowercased().contains(try fatima.requireID().uuidString.lowercased()))
        }
    }

    func testTheOpenAPIDocumentDescribesWhatIsSent() async throws {
        try await withApp(features: PlanFixture.features) { app in
            // setup
            let plan = try await PlanFixture.draft(app)
            try await DataFixture.publish(app, plan)
            let browser = Browser(app)

            // MUT
            let document = try await browser.get("/api/v1/openapi.json")

            // validation: the paths are there and every response matches its schema exactly
            XCTAssertEqual(document.status, .ok)
            let openAPI = try json(document)
            guard case .object(let paths)? = openAPI["paths"] else { return XCTFail("no paths") }
            for path in ["/plans", "/plans/{slug}", "/plans/{slug}/versions/{number}"] { XCTAssertNotNil(paths[path], path) }
            let cases: [(String, String, String)] = [
                ("/plans", "/api/v1/plans", "200"),
                ("/plans/{slug}", "/api/v1/plans/calls-to-action", "200"),
                ("/plans/{slug}", "/api/v1/plans/bestaat-niet", "404"),
                ("/plans/{slug}/versions/{number}", "/api/v1/plans/calls-to-action/versions/1", "200"),
                ("/plans/{slug}/versions/{number}", "/api/v1/plans/calls-to-action/versions/9", "404"),
            ]
            for (path, url, status) in cases {
                let response = try await browser.get(url)
                XCTAssertEqual(String(response.status.code), status, url)
                guard case .object(let operations)? = paths[path], case .object(let get)? = operations["get"],
                    case .object(let responses)? = get["responses"], case .object(let described)? = responses[status],
                    case .object(let content)? = described["content"], case .object(let media)? = content["application/json"],
                    let schema = media["schema"]
                else {
                    XCTFail("no schema for \(status) of \(path)")
                    continue
                }
                SchemaCheck.assert(try json(response), matches: schema, at: url)
            }
        }
    }

    /// The activity with `id` in any section of a plan document.
    private static func activity(_ id: JSONValue, in document: [String: JSONValue]) -> [String: JSONValue]? {
        guard case .array(let sections)? = document["sections"] else { return nil }
        for case .object(let section) in sections {
            guard case .array(let activities)? = section["activities"] else { continue }
            for case .object(let activity) in activities where activity["id"] == id { return activity }
        }
        return nil
    }

    private func json(_ response: XCTHTTPResponse) throws -> [String: JSONValue] {
        try JSONDecoder().decode([String: JSONValue].self, from: Data(response.body.readableBytesView))
    }

    /// No key that could carry a person: user, name, email (in any spelling).
    private func assertNoPersonalKeys(_ value: [String: JSONValue], file: StaticString = #filePath, line: UInt = #line) {
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let fields):
                for (key, field) in fields {
                    let lower = key.lowercased()
                    XCTAssertFalse(lower.contains("user") || lower.contains("name") || lower.contains("email"), key, file: file, line: line)
                    walk(field)
                }
            case .array(let items): items.forEach(walk)
            default: break
            }
        }
        walk(.object(value))
    }
}
