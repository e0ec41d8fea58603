import Fluent
import KrachtCore
import KrachtTesting
import Vapor
import XCTVapor
import XCTest

@testable import Manifesto

/// Review of issue #8: every signer shares a link with their own code (`deel-…`). In the
/// figures those codes are one group, "Gedeeld door ondertekenaars": one row per signer would
/// flood the register and put pseudonymous per-person data in the export meant for the press.
final class SharedCodeFiguresTests: XCTestCase {
    func coordinator(_ app: Application) async throws -> Browser {
        _ = try await app.makeUser(name: "Youssef", email: "coord@example.nl", roles: [.coordinator])
        let browser = Browser(app)
        try await browser.logIn("coord@example.nl")
        return browser
    }

    func testTwoSignersSharedLinksAreOneRowEverywhereAndNoCodeLeaksIntoAnExport() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup: three people sign through two signers' links (one becomes active), one
            // through a registered campaign
            app.signing.limitPerIP = 1000
            let desk = try await coordinator(app)
            _ = try await desk.post(
                ManifestoPath.adminCampaigns.path, ["name": "Markt Noord", "code": "markt-noord", "channel": "street"])
            try await app.signAndConfirm("a@example.nl", ref: "deel-aaaaaaaaaa")
            try await app.signAndConfirm("b@example.nl", ref: "deel-bbbbbbbbbb")
            try await app.signAndConfirm("c@example.nl", ref: "markt-noord")
            let follower = Browser(app)
            try await follower.sign(email: "d@example.nl", ref: "deel-aaaaaaaaaa")
            try await follower.confirmSignature(of: "d@example.nl")
            let link = try XCTUnwrap(MailSink.link(app: app, to: "d@example.nl", for: ManifestoPath.confirm(.key)))
            _ = try await follower.post(
                ManifestoPath.followUp(.value(String(link.split(separator: "/").last!))).path, ["action": "newsletter"])
            let day = AmsterdamTime.day(app.clock.now())

            // MUT
            let register = try await desk.get(ManifestoPath.adminCampaigns.path).body.string
            let overview = try await desk.get(ManifestoPath.admin.path).body.string
            let figures = try await desk.get(ManifestoPath.adminCampaignsExport.path).body.string
            let signers = try await desk.post(ManifestoPath.adminExport.path, ["reason": "verslag voor de gemeenteraad"]).body.string

            // validation: one row, "Gedeeld door ondertekenaars", with all three and the one who became active
            XCTAssertTrue(
                register.contains(
                    "<th scope=\"row\">Gedeeld door ondertekenaars <span class=\"muted\">(deel)</span></th>\n    <td></td><td>3</td><td>0</td><td>1</td>"
                ), register)
            XCTAssertTrue(overview.contains("<th scope=\"row\">Gedeeld door ondertekenaars</th><td>3</td><td>1</td>"), overview)
            XCTAssertTrue(figures.contains("\r\ndeel;Gedeeld door ondertekenaars;;\(day);3;0\r\n"), figures)
            XCTAssertTrue(figures.contains("\r\nmarkt-noord;Markt Noord;Straat en markt;\(day);1;0\r\n"), "campaigns stay as they are")
            XCTAssertEqual(signers.components(separatedBy: ";deel;online;").count, 4, "the signers' export says only `deel`")
            XCTAssertTrue(signers.contains(";markt-noord;online;"))
            for page in [register, overview, figures, signers] {
                XCTAssertFalse(page.contains("deel-"), "no signer's code is shown or exported")
            }
        }
    }

    func testACampaignCannotTakeTheSignersCodes() async throws {
        try await withApp(features: [ManifestoFeature()]) { app in
            // setup
            let desk = try await coordinator(app)

            for code in ["deel", "deel-markt"] {
                // MUT
                let response = try await desk.post(ManifestoPath.adminCampaigns.path, ["name": "Markt", "code": code, "channel": "street"])

                // validation
                XCTAssertEqual(response.status, .badRequest, code)
                XCTAssertTrue(response.body.string.contains("De code ‘\(code)’ is gereserveerd voor links die ondertekenaars delen"))
            }
            let count = try await Campaign.query(on: app.db).count()
            XCTAssertEqual(count, 0)
        }
    }
}
