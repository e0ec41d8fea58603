import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// Issue #7: two publications at once; caches that keep one copy per language; demo
/// signatures whose links nobody can guess.
final class PublishingAndSharingTests: XCTestCase {
    func testTwoPublicationsAtOnceThenTheSecondIsToldTheFirstCameFirst() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: two coordinators edit version 1
            let one = try await app.makeUser(name: "Youssef", email: "een@example.nl", roles: [.coordinator])
            let two = try await app.makeUser(name: "Ilse", email: "twee@example.nl", roles: [.coordinator])

            // MUT: both publish at the same moment
            let outcomes = try await withThrowingTaskGroup(of: PublishVersion.Outcome.self) { group in
                for coordinator in [one, two] {
                    group.addTask {
                        try await PublishVersion(app: app).run(
                            by: coordinator, basedOn: 1, titleNL: "Manifest 2026", titleEN: "Manifesto 2026",
                            bodyNL: "Door \(coordinator.name).", bodyEN: "By \(coordinator.name).")
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            // validation
            XCTAssertEqual(Set(outcomes.map { "\($0)" }), ["published(2)", "publishedMeanwhile(2)"])
            let versions = try await ManifestoVersion.query(on: app.db).count()
            XCTAssertEqual(versions, 2, "nothing stacked on top unseen")
        }
    }

    func testACoordinatorWhoseVersionWasOvertakenKeepsTheirTextAndIsToldWhy() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: someone else published version 2 while this coordinator edited version 1
            let other = try await app.makeUser(name: "Ilse", email: "twee@example.nl", roles: [.coordinator])
            _ = try await PublishVersion(app: app).run(
                by: other, basedOn: 1, titleNL: "Manifest 2026", titleEN: "Manifesto 2026",
                bodyNL: "Eerder.", bodyEN: "Earlier.")
            _ = try await app.makeUser(name: "Youssef", email: "coord@example.nl", roles: [.coordinator])
            let desk = Browser(app)
            try await desk.logIn("coord@example.nl")

            // MUT
            let late = try await desk.post(
                ManifestoPath.adminPublish.path,
                [
                    "based_on": "1", "title_nl": "Mijn titel", "title_en": "My title", "body_nl": "Mijn tekst.", "body_en": "My text.",
                ])

            // validation
            XCTAssertEqual(late.status, .conflict)
            XCTAssertTrue(late.body.string.contains("Iemand heeft zojuist versie 2 gepubliceerd"))
            XCTAssertTrue(late.body.string.contains("Mijn tekst."), "their text is kept")
            XCTAssertTrue(late.body.string.contains("name=\"based_on\" value=\"2\""), "sent again, it is based on version 2")
            let versions = try await ManifestoVersion.query(on: app.db).count()
            XCTAssertEqual(versions, 2)
        }
    }

    func testEveryCacheableResponseVariesByWhatChoosesItsLanguage() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            for path in [
                "/manifest/teller?ref=partner-fnv", ManifestoPath.api.path, ManifestoPath.page().path, ManifestoPath.poster().path,
                ManifestoPath.versions.path,
            ] {
                // MUT: the same address asked in Dutch and in English
                let dutch = try await Browser(app).get(path, headers: ["Accept-Language": "nl"])
                let english = try await Browser(app).get(path, headers: ["Accept-Language": "en"])

                // validation: a shared cache may keep it only if it keeps one per language
                let shared = dutch.headers.first(name: .cacheControl)?.contains("public") ?? false
                guard shared, !Self.same(dutch, english) else { continue }
                let vary = Set(
                    (dutch.headers.first(name: .vary) ?? "").split(separator: ",").map {
                        $0.trimmingCharacters(in: .whitespaces).lowercased()
                    })
                XCTAssertTrue(
                    vary.isSuperset(of: ["accept-language", "cookie"]), "\(path) is public and differs per language: Vary \(vary)")
            }
            let embed = try await Browser(app).get(ManifestoPath.counter.path, headers: ["Accept-Language": "en"])
            XCTAssertTrue(embed.body.string.contains("lang=\"en\""), "the counter speaks the visitor's language")
        }
    }

    /// The same content: for JSON, the same object whatever the order of its keys.
    static func same(_ a: XCTHTTPResponse, _ b: XCTHTTPResponse) -> Bool {
        guard a.headers.contentType?.subType == "json",
            let x = try? JSONSerialization.jsonObject(with: Data(a.body.readableBytesView)) as? NSDictionary,
            let y = try? JSONSerialization.jsonObject(with: Data(b.body.readableBytesView)) as? NSDictionary
        else { return a.body.string == b.body.string }
        return x == y
    }

    func testDemoSignaturesHaveLinksNobodyCanGuess() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // MUT
            try await DemoSignatures.add(600, app: app, campaign: "fill")

            // validation: the token is not to be derived from the address (it was its local part)
            let signatures = try await Signature.query(on: app.db).all()
            XCTAssertEqual(signatures.count, 600)
            for signature in signatures {
                let local = String(signature.email?.split(separator: "@").first ?? "")
                XCTAssertNotEqual(signature.tokenHash, SecureToken.hash(local))
            }
            XCTAssertEqual(Set(signatures.compactMap(\.tokenHash)).count, 600)
        }
    }
}
