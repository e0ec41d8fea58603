import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

/// The file transport keeps every recipient's address and working links in plain files: fine on
/// a laptop, never silently on a real site.
final class ProductionMailTransportTests: XCTestCase {
    private let sealKeys = "1:" + Data(repeating: 1, count: 32).base64EncodedString()

    private func productionConfig(_ mailSettings: [String: String]) -> AppConfig {
        var env = mailSettings
        env["KRACHT_DATA_DIR"] = NSTemporaryDirectory()
        env["KRACHT_SECRET_KEY"] = "a-production-secret"
        env["KRACHT_SEAL_KEYS"] = sealKeys
        return AppConfig.fromEnvironment { env[$0] }
    }

    func testProductionRefusesToStartWhenMailWouldFallBackOnFiles() async throws {
        // setup: production, every other setting given, but no SMTP_HOST, SENDMAIL_PATH or KRACHT_MAIL_TRANSPORT
        let config = productionConfig([:])
        let app = try await Application.make(.production)

        // MUT + validation
        do {
            try await configureKracht(app, config: config, features: [])
            XCTFail("production must not start writing mail to plain files by default")
        } catch {
            XCTAssertTrue("\(error)".contains("SMTP_HOST"), "the message names what to set: \(error)")
        }
        try await app.asyncShutdown()
    }

    func testARealTransportOrAnExplicitChoiceIsAccepted() {
        // MUT + validation
        XCTAssertTrue(productionConfig([:]).mail.transportIsDefault)
        XCTAssertEqual(productionConfig([:]).mail.transport, .file, "development and tests keep the files")
        XCTAssertFalse(productionConfig(["SMTP_HOST": "mail.example.org"]).mail.transportIsDefault)
        XCTAssertFalse(productionConfig(["SENDMAIL_PATH": "/usr/sbin/sendmail"]).mail.transportIsDefault)
        XCTAssertFalse(
            productionConfig(["KRACHT_MAIL_TRANSPORT": "file"]).mail.transportIsDefault, "a test server may choose files on purpose")
    }
}
