import Fluent
import Foundation
import Initiatives
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

/// Bad input on the initiative form gets a clear message beside its field and changes nothing;
/// a repeated post lands on the one initiative.
final class InitiativeBadInputTests: XCTestCase {
    func testBadFormsAreRefusedWithMessagesAndChangeNothing() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let anna = try await Browser.signedIn(app, name: "Anna A", email: "anna@example.nl")
            let reference = app.reference
            let districts = reference.districts.filter { !$0.areas.isEmpty }
            let (district, otherArea) = (districts[0].slug, districts[1].areas[0].slug)
            let six = reference.domains.prefix(6).map(\.slug)

            // MUT
            let empty = try await anna.postForm(InitiativesPath.new.path, [])
            let long = try await anna.postForm(
                InitiativesPath.new.path, InitiativeForms.fields(app, name: String(repeating: "a", count: 10_000)))
            let unknownDomain = try await anna.postForm(InitiativesPath.new.path, InitiativeForms.fields(app, name: "X", domains: ["ufo"]))
            let unknownDistrict = try await anna.postForm(
                InitiativesPath.new.path, InitiativeForms.fields(app, name: "X", district: "atlantis"))
            let wrongArea = try await anna.postForm(
                InitiativesPath.new.path, InitiativeForms.fields(app, name: "X", district: district, area: otherArea))
            let sixDomains = try await anna.postForm(InitiativesPath.new.path, InitiativeForms.fields(app, name: "X", domains: Array(six)))
            let malformed = try await anna.post(InitiativesPath.new.path, rawBody: ByteBuffer(string: "%%%"))

            // validation
            XCTAssertEqual(empty.status, .badRequest)
            empty.assertFormErrors(
                title: "Nieuw initiatief",
                links: [
                    ("initiative-name", "Vul"), ("initiative-summary", "Vul"), ("initiative-why", "Vul"),
                    ("initiative-domains", "minstens 1"),
                ])
            XCTAssertEqual(long.status, .badRequest)
            long.assertFormErrors(title: "Nieuw initiatief", links: [("initiative-name", "120")])
            XCTAssertEqual(unknownDomain.status, .badRequest)
            unknownDomain.assertFormErrors(title: "Nieuw initiatief", links: [("initiative-domains", "uit de lijst")])
            XCTAssertEqual(unknownDistrict.status, .badRequest)
            unknownDistrict.assertFormErrors(title: "Nieuw initiatief", links: [("initiative-district", "uit de lijst")])
            XCTAssertEqual(wrongArea.status, .badRequest)
            wrongArea.assertFormErrors(title: "Nieuw initiatief", links: [("initiative-area", "in het gekozen stadsdeel")])
            XCTAssertEqual(sixDomains.status, .badRequest)
            sixDomains.assertFormErrors(title: "Nieuw initiatief", links: [("initiative-domains", "hoogstens 5")])
            XCTAssertTrue([.badRequest, .forbidden].contains(malformed.status), "\(malformed.status)")
            let count = try await Initiative.query(on: app.db).count()
            XCTAssertEqual(count, 0)
        }
    }

    func testADoublePostMakesOneInitiative() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let anna = try await Browser.signedIn(app, name: "Anna A", email: "anna@example.nl")
            let form = InitiativeForms.fields(app, name: "Café Zuid")

            // MUT
            let first = try await anna.postForm(InitiativesPath.new.path, form)
            let second = try await anna.postForm(InitiativesPath.new.path, form)

            // validation
            XCTAssertEqual(first.location, "/initiatieven/cafe-zuid", "diacritics folded")
            XCTAssertEqual(second.location, "/initiatieven/cafe-zuid")
            let count = try await Initiative.query(on: app.db).count()
            XCTAssertEqual(count, 1)
        }
    }

    func testSlugsAreUniqueAndNeverAReservedPath() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup
            let anna = try await Browser.signedIn(app, name: "Anna A", email: "anna@example.nl")
            let bram = try await Browser.signedIn(app, name: "Bram B", email: "bram@example.nl")

            // MUT
            let one = try await anna.postForm(InitiativesPath.new.path, InitiativeForms.fields(app, name: "Buurtsoep"))
            let two = try await bram.postForm(InitiativesPath.new.path, InitiativeForms.fields(app, name: "Buurtsoep!"))
            let reserved = try await anna.postForm(InitiativesPath.new.path, InitiativeForms.fields(app, name: "Nieuw"))

            // validation
            XCTAssertEqual(one.location, "/initiatieven/buurtsoep")
            XCTAssertEqual(two.location, "/initiatieven/buurtsoep-2")
            XCTAssertEqual(reserved.location, "/initiatieven/nieuw-2")
        }
    }
}
