import XCTest

@testable import KrachtCore

final class TargetsYearTests: XCTestCase {
    func testTheTargetsYearComesFromTheNewestTargetsFile() throws {
        // setup: last year's plan and this year's, side by side
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("targets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            "districts.csv": "district_code,district_slug,district_name,area_slug,area_name\nA,centrum,Centrum,burgwallen,Burgwallen\n",
            "domains.csv": "slug,name_nl,name_en\ngroen,Groen,Green\n",
            "policy-agendas.csv": "slug,name_nl\nagenda-groen,Agenda Groen\n",
            "volunteering-facts.csv": "fact,value,unit,source\naverage_hourly_wage,2314,euro cents,CBS\n",
            "targets-2025.csv": "indicator,target,unit,source\nmanifesto_signatures,10000,signatures,plan\n",
            "targets-2026.csv": "indicator,target,unit,source\nmanifesto_signatures,25000,signatures,plan\n",
        ]
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }

        // MUT
        let reference = try ReferenceData.load(from: directory.path)

        // validation
        XCTAssertEqual(reference.targetsYear, 2026)
        XCTAssertEqual(reference.targets["manifesto_signatures"], 25_000)
        let amsterdam = { (text: String) in ISO8601DateFormatter().date(from: text)! }
        XCTAssertFalse(reference.targetsYearHasPassed(at: amsterdam("2026-12-31T22:59:00Z")))
        XCTAssertTrue(reference.targetsYearHasPassed(at: amsterdam("2026-12-31T23:00:00Z")), "midnight in Amsterdam")
    }

    func testTheShippedTargetsAreForTheYearInTheirName() throws {
        let resources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/Data").path
        XCTAssertEqual(try ReferenceData.load(from: resources).targetsYear, 2025)
    }
}
