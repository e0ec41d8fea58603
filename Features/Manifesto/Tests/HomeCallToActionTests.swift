import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

final class HomeCallToActionTests: XCTestCase {
    func testTheHomePageLeadsToTheSigningFormWithTheCountAndTargetBesideTheButton() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            try await SignatureFactory.insertConfirmed(app, count: 3)

            // MUT
            let html = try await Browser(app).get(CorePath.home.path).body.string

            // validation: one step from the home page to the form
            let button = try XCTUnwrap(
                html.range(of: "<a class=\"button\" href=\"\(ManifestoPath.page().path)#teken\">Teken het manifest</a>"))
            let count = try XCTUnwrap(html.range(of: "data-indicator=\"manifesto_signatures\">3<"))
            XCTAssertLessThan(button.lowerBound, count.lowerBound)
            XCTAssertTrue(html.contains(": 10.000"), "the target beside the count")
            let form = try await Browser(app).get(ManifestoPath.page().path).body.string
            XCTAssertTrue(form.contains("id=\"teken\""), "the fragment lands on the form")
        }
    }

    func testTheHomePageShowsTheLatestSignersEachOnce() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: Daan from West signed four times over (four people called Daan, say), one hid their name
            try await SignatureFactory.insertConfirmed(app, count: 6) { n, signature in
                signature.name = n < 4 ? "Daan de Vries" : n == 4 ? "Sanne Bakker" : "Verborgen Persoon"
                signature.district = n < 4 ? "west" : "oost"
                signature.showName = n < 5
            }

            // MUT
            let html = try await Browser(app).get(CorePath.home.path).body.string

            // validation
            XCTAssertTrue(html.contains("Net getekend"))
            XCTAssertEqual(html.components(separatedBy: "<strong>Daan</strong> · West").count, 2, "Daan from West once")
            XCTAssertTrue(html.contains("<strong>Sanne</strong> · Oost"))
            XCTAssertFalse(html.contains("Verborgen"))
        }
    }

    func testASignerFromOutsideAmsterdamIsShownWithoutADistrict() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: Finn lives outside Amsterdam, Noor in Oost
            try await SignatureFactory.insertConfirmed(app, count: 2) { n, signature in
                signature.name = n == 0 ? "Finn Smit" : "Noor Bakker"
                signature.district = n == 0 ? Signature.outsideAmsterdam : "oost"
                signature.showName = true
            }

            // MUT
            let home = try await Browser(app).get(CorePath.home.path).body.string
            let manifesto = try await Browser(app).get(ManifestoPath.page().path).body.string

            // validation: no made-up "Amsterdam" for someone who does not live there
            XCTAssertTrue(home.contains("<strong>Finn</strong></li>"))
            XCTAssertTrue(home.contains("<strong>Noor</strong> · Oost"))
            XCTAssertTrue(manifesto.contains("<li>Finn</li>"))
            XCTAssertFalse(home.contains("Finn</strong> · Amsterdam"))
        }
    }
}
