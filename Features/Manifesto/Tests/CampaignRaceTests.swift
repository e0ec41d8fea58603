import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// Review of issue #8: two coordinators creating a campaign with the same code at the same
/// moment both find it free; the unique index lets one in, and the other hears the code is
/// taken instead of getting a server error.
final class CampaignRaceTests: XCTestCase {
    func testCreatingTheSameCodeAtOnceSavesOneAndTellsTheOthersItIsTaken() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let coordinator = try await app.makeUser(name: "Youssef", email: "coord@example.nl", roles: [.coordinator])
            let save = SaveCampaign(app: app)

            for round in 0..<6 {
                let code = "markt-\(round)"
                let input = SaveCampaign.Input(name: "Markt \(round)", code: code, channel: "street", starts_on: nil, ends_on: nil)

                // MUT: four submissions at once
                let outcomes = try await withThrowingTaskGroup(of: SaveCampaign.Outcome.self) { group in
                    for _ in 0..<4 { group.addTask { try await save.run(by: coordinator, existing: nil, input, language: .nl) } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }

                // validation: one saved, every other one refused with the code-taken message
                XCTAssertEqual(outcomes.filter { $0 == .saved(code: code) }.count, 1, "\(outcomes)")
                for case .invalid(let errors) in outcomes {
                    XCTAssertEqual(errors.fields["code"], "De code ‘\(code)’ is al in gebruik; kies een andere.")
                }
            }
            let count = try await Campaign.query(on: app.db).count()
            XCTAssertEqual(count, 6)
        }
    }
}
