import Foundation
import KrachtApp
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Issue #14: nothing personal is ever in the open data. With every feature's demo seeded, the
/// walk reads every path of the OpenAPI document (path parameters filled from the values the
/// lists give under the same name: `{slug}` from a `slug` field, `{key}` from `key`…; every page
/// of a paged list by its `Link: next`), and fails on a value that holds an email address, the
/// name of a demo resident (private persons: none of them publishes anything under their name in
/// the demo), or a token (32+ hex or base64url characters that are not a UUID or a slug). A
/// documented path it cannot fill fails too, so a new endpoint is walked as soon as it lands.
final class OpenDataPrivacyTests: XCTestCase {
    static let email = try! NSRegularExpression(pattern: "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")
    static let token = try! NSRegularExpression(pattern: "[A-Za-z0-9_-]{32,}")
    static let uuid = try! NSRegularExpression(pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
    static let slug = try! NSRegularExpression(pattern: "^[a-z0-9]+(-[a-z0-9]+)+$")

    func testNoAPIPathGivesAnEmailAPrivateNameOrAToken() async throws {
        try await withApp(features: AppFixture.features) { app in
            // setup: the demo, as `kracht demo` makes it
            let people = try await DemoPeople.create(app: app)
            for feature in app.features { try await feature.seedDemo(app: app, people: people) }
            let browser = Browser(app)
            let documentResponse = try await browser.get("/api/v1/openapi.json")
            let document = try XCTUnwrap(
                JSONSerialization.jsonObject(with: Data(documentResponse.body.readableBytesView)) as? [String: Any])
            let paths = try XCTUnwrap(document["paths"] as? [String: Any]).keys.filter {
                ((document["paths"] as? [String: Any])?[$0] as? [String: Any])?["get"] != nil
            }.sorted()
            XCTAssertFalse(paths.isEmpty)

            // MUT: read every path, filling parameters from what was read, until nothing new
            var known: [String: Set<String>] = [:]
            var walked: Set<String> = []
            var problems: [String] = []
            var pending = paths
            var progress = true
            while progress {
                progress = false
                for template in pending {
                    let names = Self.parameters(in: template)
                    // values given by the same dataset first (`/plans/{slug}` from what `/plans…` gave)
                    let area = Self.area(template)
                    let choices = names.map { name in
                        (known[area + "|" + name] ?? known[name]).map { Array($0).sorted().prefix(5) } ?? []
                    }
                    if choices.contains(where: \.isEmpty) { continue }
                    pending.removeAll { $0 == template }
                    progress = true
                    for values in Self.combinations(choices.map(Array.init)).prefix(10) {
                        var path = template
                        for (name, value) in zip(names, values) {
                            path = path.replacingOccurrences(
                                of: "{\(name)}", with: value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value)
                        }
                        var next: String? = "/api/v1" + path
                        var pages = 0
                        while let url = next, pages < 50 {
                            pages += 1
                            let response = try await browser.get(url, headers: ["Accept": "application/json"])
                            walked.insert(template)
                            XCTAssertTrue([.ok, .notFound].contains(response.status), "\(url): \(response.status)")
                            let body = response.body.string
                            problems += Self.personalData(in: body).map { "\(url): \($0)" }
                            if let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) {
                                var found: [String: Set<String>] = [:]
                                Self.collect(json, into: &found)
                                for (name, values) in found {
                                    known[name, default: []].formUnion(values)
                                    if response.status == .ok { known[area + "|" + name, default: []].formUnion(values) }
                                }
                            }
                            next = Self.nextLink(response.headers.first(name: "Link"))
                        }
                    }
                }
            }

            // validation
            XCTAssertEqual(pending, [], "documented paths the walk could not fill (no list gives their parameter)")
            XCTAssertEqual(problems, [])
            XCTAssertGreaterThanOrEqual(walked.count, paths.count)
        }
    }

    /// What in `text` looks personal.
    static func personalData(in text: String) -> [String] {
        var found: [String] = []
        let range = NSRange(text.startIndex..., in: text)
        for match in email.matches(in: text, range: range) { found.append("email \(text[Range(match.range, in: text)!])") }
        for person in DemoPeople.residentNames where text.contains(person.name) { found.append("resident \(person.name)") }
        for match in token.matches(in: text, range: range) {
            let value = String(text[Range(match.range, in: text)!])
            let whole = NSRange(value.startIndex..., in: value)
            if uuid.firstMatch(in: value, range: whole) != nil || slug.firstMatch(in: value, range: whole) != nil { continue }
            found.append("token \(value)")
        }
        return found
    }

    /// The dataset a path belongs to: its first segment without an extension.
    static func area(_ template: String) -> String {
        String(template.split(separator: "/").first?.split(separator: ".").first ?? "")
    }

    static func parameters(in template: String) -> [String] {
        template.split(separator: "/").compactMap { part in
            guard let open = part.firstIndex(of: "{"), let close = part.firstIndex(of: "}") else { return nil }
            return String(part[part.index(after: open)..<close])
        }
    }

    static func combinations(_ choices: [[String]]) -> [[String]] {
        choices.reduce([[]]) { partial, options in partial.flatMap { prefix in options.map { prefix + [$0] } } }
    }

    /// Every string or number under a field name, by that name, anywhere in the JSON.
    static func collect(_ json: Any, into known: inout [String: Set<String>]) {
        if let object = json as? [String: Any] {
            for (key, value) in object {
                if let string = value as? String, !string.isEmpty, string.count < 200 { known[key, default: []].insert(string) }
                if let number = value as? NSNumber, !(value is Bool) { known[key, default: []].insert(number.stringValue) }
                collect(value, into: &known)
            }
        } else if let array = json as? [Any] {
            for item in array { collect(item, into: &known) }
        }
    }

    /// The `next` URL of a `Link` header, as a path.
    static func nextLink(_ header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ",") where part.contains("rel=\"next\"") {
            guard let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">") else { continue }
            let url = String(part[part.index(after: open)..<close])
            return url.replacingOccurrences(of: "http://kracht.test", with: "")
        }
        return nil
    }
}
