import Fluent
import Foundation
import KrachtCore
import KrachtTesting
import Vapor
import XCTest

@testable import Initiatives

/// The mail that asks an organiser to confirm hours comes in the organiser's own language.
final class HoursMailLanguageTests: XCTestCase {
    func testAnEnglishSpeakingOrganiserIsAskedInEnglish() async throws {
        try await withApp(features: [InitiativesFeature()]) { app in
            // setup: Olga reads English; Fatima takes part
            let kitchen = try await ValueFixture(app: app).kitchen(accepting: ["Fatima"])
            kitchen.olga.language = "en"
            try await kitchen.olga.save(on: app.db)
            let path = InitiativesPath.hours(.value(kitchen.initiative.slug), action: .value(try kitchen.action.requireID())).path
            let participant = Browser(app)
            try await participant.logIn("fatima@example.nl")

            // MUT: Fatima logs her own hours
            let logged = try await participant.post(path, ["hours": "2", "worked_on": AmsterdamTime.day(app.clock.now())])
            try await app.deliverMail()

            // validation
            XCTAssertEqual(logged.status, .seeOther)
            let mail = try XCTUnwrap(MailSink.messages(app: app, to: "olga@example.nl").first)
            XCTAssertTrue(mail.subject.hasPrefix("Hours to confirm"), mail.subject)
        }
    }
}
