import XCTest

@testable import KrachtCore

final class ReferenceDataTests: XCTestCase {
    private let resources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/Data").path

    func testQuotedAreaNamesWithACommaAreReadWhole() throws {
        // MUT
        let reference = try ReferenceData.load(from: resources)

        // validation: the old comma splitter cut these names in two
        let west = try XCTUnwrap(reference.district(slug: "west"))
        XCTAssertEqual(west.areas.first { $0.slug == "oud-west-de-baarsjes" }?.name, "Oud-West, De Baarsjes")
        let nieuwWest = try XCTUnwrap(reference.district(slug: "nieuw-west"))
        XCTAssertEqual(nieuwWest.areas.first { $0.slug == "de-aker-sloten-nieuw-sloten" }?.name, "De Aker, Sloten, Nieuw-Sloten")
        for area in reference.districts.flatMap(\.areas) {
            XCTAssertFalse(area.name.contains("\""), area.name)
        }
        XCTAssertEqual(reference.domains.count, 20)
        XCTAssertEqual(reference.targets["manifesto_signatures"], 10_000)
    }

    func testAFileSavedByExcelWithAByteOrderMarkAndBlankLinesReadsTheSame() throws {
        // setup
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reference-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            "districts.csv": "\u{FEFF}district_code,district_slug,district_name,area_slug,area_name\r\n"
                + "E,west,West,oud-west-de-baarsjes,\"Oud-West, De Baarsjes\"\r\n\r\n",
            "domains.csv": "slug,name_nl,name_en\ngroen,Groen,\"Green spaces, \"\"parks\"\"\"\n",
            "policy-agendas.csv": "slug,name_nl\nagenda-groen,Agenda Groen\n",
            "volunteering-facts.csv": "fact,value,unit,source\naverage_hourly_wage,2314,euro cents,CBS\n",
            "targets-2025.csv": "indicator,target,unit,source\nfund_donations,10000000,euro cents,plan\n",
        ]
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }

        // MUT
        let reference = try ReferenceData.load(from: directory.path)

        // validation
        XCTAssertEqual(reference.districts.map(\.code), ["E"])
        XCTAssertEqual(reference.districts.first?.areas.map(\.name), ["Oud-West, De Baarsjes"])
        XCTAssertEqual(reference.domains.first?.nameEN, "Green spaces, \"parks\"")
        XCTAssertEqual(reference.targets["fund_raised_cents"], 10_000_000)
    }

    func testAMissingColumnIsReportedByName() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reference-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "code,slug\nA,centrum\n".write(to: directory.appendingPathComponent("districts.csv"), atomically: true, encoding: .utf8)

        XCTAssertThrowsError(try ReferenceData.load(from: directory.path)) {
            XCTAssertTrue(String(describing: $0).contains("district_slug"), "\($0)")
        }
    }
}
