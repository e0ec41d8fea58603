import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// Review of issue #7, finding 3: a typo in `KRACHT_TRUSTED_PROXIES` used to trust no proxy in
/// silence (every visitor then counted as the proxy); now Kracht refuses to start and says why.
final class TrustedProxiesSettingTests: XCTestCase {
    func testAnInvalidEntryIsAProblemNamingTheVariableAndTheEntry() {
        // MUT
        let config = AppConfig.fromEnvironment { $0 == "KRACHT_TRUSTED_PROXIES" ? "10.0.0.0/8, 10.0.0.0/33,192.168.1.300" : nil }

        // validation
        XCTAssertEqual(config.problems.count, 1)
        let problem = config.problems.first ?? ""
        XCTAssertTrue(problem.contains("KRACHT_TRUSTED_PROXIES"), problem)
        XCTAssertTrue(problem.contains("10.0.0.0/33, 192.168.1.300"), problem)
        XCTAssertFalse(problem.contains("10.0.0.0/8,"), "valid entries are not blamed: \(problem)")
    }

    func testValidOrAbsentListsAreNoProblem() {
        XCTAssertEqual(AppConfig.fromEnvironment { _ in nil }.problems, [])
        XCTAssertEqual(AppConfig.fromEnvironment { $0 == "KRACHT_TRUSTED_PROXIES" ? "10.0.0.0/8, fd00::/8" : nil }.problems, [])
    }

    func testTheAppRefusesToStartWithAnInvalidList() async throws {
        // setup
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kracht-test-\(UUID().uuidString)").path
        var config = testConfig(dataDirectory: directory)
        config.problems = AppConfig.fromEnvironment { $0 == "KRACHT_TRUSTED_PROXIES" ? "10.0.0.1,lb.internal" : nil }.problems
        let app = try await Application.make(.testing)

        // MUT
        var message: String?
        do {
            try await configureKracht(app, config: config, features: [])
        } catch {
            message = "\(error)"
        }
        try await app.asyncShutdown()
        try? FileManager.default.removeItem(atPath: directory)

        // validation
        let refusal = try XCTUnwrap(message, "started with an invalid KRACHT_TRUSTED_PROXIES")
        XCTAssertTrue(refusal.contains("KRACHT_TRUSTED_PROXIES") && refusal.contains("lb.internal"), refusal)
    }
}
